package org.convlab.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Builds the line, bar and dot charts in the style of {@link ChartStyle}. */
final class PlotCharts {

    /** Bars get their value printed on them when there are at most this many. */
    private static final int LABELLED_BARS = 12;
    private static final Color REFERENCE_LINE_COLOUR = new Color(0x333333);

    private PlotCharts() {
    }

    /**
     * A line chart: measured series first, in the order given, then reference series, drawn in that
     * order so that references lie on top; series of one hue share a colour.
     */
    static JFreeChart line(String title, String xLabel, String yLabel, List<LineSeries> series, boolean logY,
            List<ReferenceLine> levels) {
        Map<String, Color> colours = coloursByHue(series);
        List<LineSeries> ordered = new ArrayList<>();
        series.stream().filter(s -> s.role() == LineSeries.Role.MEASURED).forEach(ordered::add);
        series.stream().filter(s -> s.role() == LineSeries.Role.REFERENCE).forEach(ordered::add);

        XYSeriesCollection dataset = new XYSeriesCollection();
        int[] lengths = new int[ordered.size()];
        boolean[] reference = new boolean[ordered.size()];
        for (int i = 0; i < ordered.size(); i++) {
            LineSeries s = ordered.get(i);
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int j = 0; j < s.x().length; j++) {
                // A log axis cannot place zero or negative values; leave them out rather than fail.
                if (!logY || s.y()[j] > 0) {
                    xy.add(s.x()[j], s.y()[j]);
                }
            }
            dataset.addSeries(xy);
            lengths[i] = xy.getItemCount();
            reference[i] = s.role() == LineSeries.Role.REFERENCE;
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, dataset,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LineRenderer renderer = new LineRenderer(lengths, reference);
        for (int i = 0; i < ordered.size(); i++) {
            Color colour = colours.get(ordered.get(i).colourKey());
            renderer.setSeriesPaint(i, reference[i] ? Palette.referenceShade(colour) : colour);
            renderer.setSeriesStroke(i, reference[i] ? ChartStyle.REFERENCE_STROKE : ChartStyle.MEASURED_STROKE);
        }
        plot.setRenderer(renderer);
        // Series are drawn in dataset order, so the references (last) lie over the measured lines.
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        if (logY) {
            LogAxis axis = new LogAxis(yLabel);
            axis.setSmallestValue(1e-12);
            axis.setNumberFormatOverride(new AxisNumberFormat());
            // Labels at whole decades only (tick units are in log space), minor marks in between.
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            axis.setMinorTickMarksVisible(true);
            plot.setRangeAxis(axis);
        }
        // Epochs, sizes and counts are whole numbers; ticks at 2.2 or 4.8 would suggest otherwise.
        if (series.stream().allMatch(s -> Arrays.stream(s.x()).allMatch(v -> v == Math.rint(v)))) {
            ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        for (ReferenceLine level : levels) {
            plot.addRangeMarker(marker(level), Layer.FOREGROUND);
        }
        ChartStyle.apply(chart);
        return chart;
    }

    /** A grouped bar chart, with the value printed on each bar when there are few, and reference levels. */
    static JFreeChart bars(String title, String categoryLabel, String valueLabel, List<Bar> bars,
            List<ReferenceLine> levels) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Bar bar : bars) {
            dataset.addValue(bar.value(), bar.series(), bar.category());
        }
        JFreeChart chart = ChartFactory.createBarChart(title, categoryLabel, valueLabel, dataset,
                PlotOrientation.VERTICAL, dataset.getRowCount() > 1, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(0.05);
        renderer.setMaximumBarWidth(0.18);
        for (int i = 0; i < dataset.getRowCount(); i++) {
            renderer.setSeriesPaint(i, Palette.series(i));
        }
        if (bars.size() <= LABELLED_BARS) {
            renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", valueFormat(bars)));
            renderer.setDefaultItemLabelsVisible(true);
            renderer.setDefaultItemLabelFont(ChartStyle.TICK_FONT);
            renderer.setDefaultItemLabelPaint(Palette.TEXT);
            renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12,
                    TextAnchor.BOTTOM_CENTER));
            renderer.setDefaultNegativeItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE6,
                    TextAnchor.TOP_CENTER));
            // Room above the tallest bar for its label.
            plot.getRangeAxis().setUpperMargin(0.1);
        }
        plot.setRenderer(renderer);
        for (ReferenceLine level : levels) {
            plot.addRangeMarker(marker(level), Layer.FOREGROUND);
        }
        includeLevels(plot, levels);
        ChartStyle.apply(chart);
        return chart;
    }

    /**
     * A dot chart: one dot per category and series, the value printed beside it, on a value axis
     * that spans the data rather than starting at zero. For comparisons where the difference is the
     * point (19.3 dB against 18.2 dB), which bars from zero would flatten.
     */
    static JFreeChart dots(String title, String categoryLabel, String valueLabel, List<Bar> dots,
            List<ReferenceLine> levels) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Bar dot : dots) {
            dataset.addValue(dot.value(), dot.series(), dot.category());
        }
        JFreeChart chart = ChartFactory.createLineChart(title, categoryLabel, valueLabel, dataset,
                PlotOrientation.HORIZONTAL, dataset.getRowCount() > 1, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(false, true);
        for (int i = 0; i < dataset.getRowCount(); i++) {
            renderer.setSeriesPaint(i, Palette.series(i));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-6, -6, 12, 12));
        }
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", valueFormat(dots)));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(ChartStyle.LABEL_FONT.deriveFont(Font.BOLD));
        renderer.setDefaultItemLabelPaint(Palette.TEXT);
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
                TextAnchor.CENTER_LEFT));
        renderer.setItemLabelAnchorOffset(8);
        plot.setRenderer(renderer);
        plot.setDomainGridlinesVisible(true);
        plot.setDomainGridlinePaint(Palette.GRID);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setAutoRangeIncludesZero(false);
        // Room at the right for the printed values.
        axis.setUpperMargin(0.15);
        axis.setLowerMargin(0.1);
        for (ReferenceLine level : levels) {
            plot.addRangeMarker(marker(level), Layer.FOREGROUND);
        }
        includeLevels(plot, levels);
        ChartStyle.apply(chart);
        return chart;
    }

    // A reference level: dashed, dark, over the data, labelled under its right end.
    private static ValueMarker marker(ReferenceLine level) {
        ValueMarker marker = new ValueMarker(level.value(), REFERENCE_LINE_COLOUR, ChartStyle.REFERENCE_STROKE);
        marker.setLabel(level.label());
        marker.setLabelFont(ChartStyle.TICK_FONT);
        marker.setLabelPaint(REFERENCE_LINE_COLOUR);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        // Below the line: the measured curves of a floor or a limit approach it from above.
        marker.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        marker.setLabelOffset(new RectangleInsets(2, 4, 2, 4));
        return marker;
    }

    // A marker outside the axis range is not drawn at all: widen the range to show every level.
    private static void includeLevels(CategoryPlot plot, List<ReferenceLine> levels) {
        if (levels.isEmpty()) {
            return;
        }
        org.jfree.chart.axis.ValueAxis axis = plot.getRangeAxis();
        org.jfree.data.Range range = plot.getDataRange(axis);
        double low = range == null ? levels.get(0).value() : range.getLowerBound();
        double high = range == null ? levels.get(0).value() : range.getUpperBound();
        for (ReferenceLine level : levels) {
            low = Math.min(low, level.value());
            high = Math.max(high, level.value());
        }
        if (axis instanceof NumberAxis number && number.getAutoRangeIncludesZero()) {
            low = Math.min(low, 0);
            high = Math.max(high, 0);
        }
        double pad = (high - low) * 0.1;
        axis.setRange(low - (low == 0 ? 0 : pad), high + pad);
    }

    private static Map<String, Color> coloursByHue(List<LineSeries> series) {
        Map<String, Color> colours = new LinkedHashMap<>();
        for (LineSeries s : series) {
            colours.computeIfAbsent(s.colourKey(), key -> Palette.series(colours.size()));
        }
        return colours;
    }

    // Whole numbers as such; otherwise as many decimals as three significant digits of the largest value need.
    private static DecimalFormat valueFormat(List<Bar> bars) {
        boolean whole = bars.stream().allMatch(b -> b.value() == Math.rint(b.value()));
        double largest = bars.stream().mapToDouble(b -> Math.abs(b.value())).max().orElse(1);
        int decimals = whole ? 0 : Math.max(0, 2 - (int) Math.floor(Math.log10(Math.max(largest, 1e-12))));
        String pattern = decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(Math.min(decimals, 6));
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }
}
