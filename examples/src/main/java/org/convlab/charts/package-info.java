/**
 * The charts of ConvLab's report, all drawn in one visual grammar through {@link org.convlab.charts.Charts}.
 *
 * <ul>
 *   <li>Colours: {@link org.convlab.charts.Palette}, Okabe–Ito without yellow; series take them in order.</li>
 *   <li>Measured against stated: a {@link org.convlab.charts.LineSeries} is measured (solid, with markers)
 *       or {@link org.convlab.charts.LineSeries#asReference() a reference} (dashed, a darker shade, drawn
 *       over the measured lines so that neither hides the other); {@link org.convlab.charts.LineSeries#inHue}
 *       gives a counted line and its formula one hue.</li>
 *   <li>Levels to read against (a break-even at 1.0, a loss floor, a limit): a
 *       {@link org.convlab.charts.ReferenceLine}, dashed and labelled, on line, bar and dot charts.</li>
 *   <li>Where the difference is the point: {@link org.convlab.charts.Charts#dots dots} on an axis that
 *       spans the values, instead of bars from zero.</li>
 *   <li>Matrices: heatmap panels compared with each other share one colour scale and one legend
 *       ({@link org.convlab.charts.Charts#heatmaps}); small tables of numbers show their values
 *       ({@link org.convlab.charts.Charts#valueGrid}, {@link org.convlab.charts.Charts#confusion}).</li>
 *   <li>Text: titles break at spaces to the image's width, category labels wrap, tile captions are
 *       never cut short.</li>
 * </ul>
 *
 * <p>Each method returns the PNG and SVG it wrote; give the PNG a caption with
 * {@code ResultBuilder.caption(file, text)} saying what the chart shows and how to read it.
 */
package org.convlab.charts;
