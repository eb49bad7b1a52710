package org.convlab.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Charts that put a measurement beside what it is judged against: bars with a reference line, lines
 * with a null band and dashed reference lines, and heatmaps on one shared colour scale with block
 * boundaries drawn. Colours from the Okabe–Ito palette (colour-blind safe; no yellow on white).
 */
final class EvidencePlots {

    /** Okabe–Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue, black. */
    static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), Color.BLACK};
    private static final BasicStroke SOLID = new BasicStroke(2f);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {7f, 5f}, 0f);

    private EvidencePlots() {
    }

    static JFreeChart barsWithReference(String title, String categoryLabel, String valueLabel, List<Bar> bars,
            double reference, String referenceLabel) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        bars.forEach(b -> dataset.addValue(b.value(), b.series(), b.category()));
        JFreeChart chart = ChartFactory.createBarChart(title, categoryLabel, valueLabel, dataset,
                PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int i = 0; i < dataset.getRowCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        ValueMarker marker = new ValueMarker(reference, Color.BLACK, DASHED);
        marker.setLabel(referenceLabel);
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(marker, org.jfree.chart.ui.Layer.FOREGROUND);
        // Keep the reference line inside the plot even when every bar is below it.
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setUpperMargin(0.15);
        double top = Math.max(reference, bars.stream().mapToDouble(Bar::value).max().orElse(reference));
        axis.setRange(0, top * 1.15);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * Measured lines (solid), reference lines (dashed) and, when {@code band} is given, a grey band
     * between its lower and upper values drawn under everything else.
     */
    static JFreeChart linesWithBand(String title, String xLabel, String yLabel, List<LineSeries> measured,
            List<LineSeries> references, Band band) {
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        int index = 0;
        int bandIndex = -1;
        if (band != null) {
            YIntervalSeries s = new YIntervalSeries(band.name());
            for (int i = 0; i < band.x().length; i++) {
                s.add(band.x()[i], (band.lower()[i] + band.upper()[i]) / 2, band.lower()[i], band.upper()[i]);
            }
            dataset.addSeries(s);
            bandIndex = index++;
        }
        for (LineSeries line : measured) {
            dataset.addSeries(points(line));
        }
        for (LineSeries line : references) {
            dataset.addSeries(points(line));
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, dataset, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setAlpha(0.25f);
        if (bandIndex >= 0) {
            renderer.setSeriesPaint(bandIndex, Color.GRAY);
            renderer.setSeriesFillPaint(bandIndex, Color.GRAY);
            renderer.setSeriesStroke(bandIndex, new BasicStroke(0.5f));
            renderer.setSeriesShapesVisible(bandIndex, false);
        }
        int colour = 0;
        for (int i = 0; i < measured.size(); i++, index++) {
            renderer.setSeriesPaint(index, PALETTE[colour++ % PALETTE.length]);
            renderer.setSeriesStroke(index, SOLID);
            renderer.setSeriesFillPaint(index, new Color(0, 0, 0, 0));
        }
        for (int i = 0; i < references.size(); i++, index++) {
            renderer.setSeriesPaint(index, PALETTE[colour++ % PALETTE.length]);
            renderer.setSeriesStroke(index, DASHED);
            renderer.setSeriesFillPaint(index, new Color(0, 0, 0, 0));
        }
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    static JFreeChart dots(String title, String xLabel, String yLabel, List<LineSeries> series) {
        org.jfree.data.xy.XYSeriesCollection dataset = new org.jfree.data.xy.XYSeriesCollection();
        for (LineSeries line : series) {
            org.jfree.data.xy.XYSeries xy = new org.jfree.data.xy.XYSeries(line.name(), false, true);
            for (int i = 0; i < line.x().length; i++) {
                xy.add(line.x()[i], line.y()[i]);
            }
            dataset.addSeries(xy);
        }
        JFreeChart chart = ChartFactory.createScatterPlot(title, xLabel, yLabel, dataset, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer renderer =
                new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
        }
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    // A line as a zero-width interval series, so that it shares the band's renderer.
    private static YIntervalSeries points(LineSeries line) {
        YIntervalSeries s = new YIntervalSeries(line.name());
        for (int i = 0; i < line.x().length; i++) {
            s.add(line.x()[i], line.y()[i], line.y()[i], line.y()[i]);
        }
        return s;
    }

    /**
     * A heatmap on the fixed range [lower, upper] (so that several panels share one scale), with a
     * line after every {@code block}-th row and column (0 for none).
     */
    static JFreeChart heatmap(String title, String xLabel, String yLabel, double[][] values, double lower,
            double upper, int rowBlock, int columnBlock, boolean legend) {
        int rows = values.length;
        int cols = values[0].length;
        DefaultXYZDataset dataset = HeatmapCharts.dataset(title, values);
        NumberAxis x = cellAxis(xLabel, cols);
        NumberAxis y = cellAxis(yLabel, rows);
        y.setInverted(true);
        Sequential scale = new Sequential(lower, upper);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        // Vermillion: visible on both the light and the dark end of the blue scale.
        BasicStroke edge = new BasicStroke(1.2f);
        for (int c = columnBlock; columnBlock > 0 && c < cols; c += columnBlock) {
            plot.addDomainMarker(new ValueMarker(c - 0.5, PALETTE[1], edge), org.jfree.chart.ui.Layer.FOREGROUND);
        }
        for (int r = rowBlock; rowBlock > 0 && r < rows; r += rowBlock) {
            plot.addRangeMarker(new ValueMarker(r - 0.5, PALETTE[1], edge), org.jfree.chart.ui.Layer.FOREGROUND);
        }
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        if (legend) {
            chart.addSubtitle(sequentialLegend(lower, upper));
        }
        return chart;
    }

    /** The legend strip of the light-to-dark blue scale from {@code lower} to {@code upper}. */
    static PaintScaleLegend sequentialLegend(double lower, double upper) {
        NumberAxis axis = new NumberAxis("value");
        axis.setRange(lower, upper);
        axis.setTickLabelFont(axis.getTickLabelFont().deriveFont(10f));
        PaintScaleLegend l = new PaintScaleLegend(new Sequential(lower, upper), axis);
        l.setPosition(RectangleEdge.RIGHT);
        l.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        l.setStripWidth(12);
        l.setMargin(new RectangleInsets(4, 8, 4, 4));
        l.setBackgroundPaint(Color.WHITE);
        return l;
    }

    private static NumberAxis cellAxis(String label, int cells) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setRange(-0.5, cells - 0.5);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    /** Light to dark blue on a fixed range: magnitude reads as darkness, also in grey print. */
    private static final class Sequential implements PaintScale {
        private static final Color LIGHT = new Color(247, 251, 255);
        private static final Color DARK = new Color(8, 48, 107);
        private final double lower;
        private final double upper;

        Sequential(double lower, double upper) {
            this.lower = lower;
            this.upper = upper > lower ? upper : lower + 1;
        }

        @Override
        public double getLowerBound() {
            return lower;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Paint getPaint(double value) {
            if (!Double.isFinite(value)) {
                return Color.LIGHT_GRAY;
            }
            double t = Math.min(1, Math.max(0, (value - lower) / (upper - lower)));
            return new Color(mix(LIGHT.getRed(), DARK.getRed(), t), mix(LIGHT.getGreen(), DARK.getGreen(), t),
                    mix(LIGHT.getBlue(), DARK.getBlue(), t));
        }

        private static int mix(int a, int b, double t) {
            return (int) Math.round(a + (b - a) * t);
        }
    }
}
