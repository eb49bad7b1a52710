package org.convlab.charts;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYDataset;

/** Builds heatmap charts of matrices, row 0 at the top as in an image, and their colour legends. */
final class HeatmapCharts {

    private HeatmapCharts() {
    }

    /** One heatmap with its own colour legend at the right. */
    static JFreeChart heatmap(String title, String xLabel, String yLabel, double[][] values) {
        ColourScale scale = ColourScale.forValues(values);
        JFreeChart chart = panel(title, xLabel, yLabel, values, scale);
        chart.addSubtitle(legend(scale, "value"));
        ChartStyle.apply(chart);
        return chart;
    }

    /** A heatmap without a legend, coloured by a scale it may share with other panels. */
    static JFreeChart panel(String title, String xLabel, String yLabel, double[][] values, ColourScale scale) {
        int rows = values.length;
        int cols = values[0].length;
        XYPlot plot = new XYPlot(dataset(title, values), cellAxis(xLabel, cols), cellAxis(yLabel, rows),
                renderer(scale));
        plot.getRangeAxis().setInverted(true);
        plot.setBackgroundPaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(title, ChartStyle.PANEL_TITLE_FONT, plot, false);
        ChartStyle.apply(chart);
        chart.getTitle().setFont(ChartStyle.PANEL_TITLE_FONT);
        plot.setBackgroundPaint(Color.LIGHT_GRAY);
        return chart;
    }

    /**
     * A confusion matrix: true classes down, predicted classes across, both named; each cell shows
     * its count, coloured from white (none) to dark blue (the largest count).
     */
    static JFreeChart confusion(String title, List<String> classNames, long[][] counts) {
        int n = classNames.size();
        double[][] values = new double[n][n];
        double max = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                values[r][c] = counts[r][c];
                max = Math.max(max, counts[r][c]);
            }
        }
        return labelled(title, "predicted class", classNames, "true class", classNames, values,
                ColourScale.forCounts(max), "images");
    }

    /**
     * A heatmap with named rows and columns and every cell's value written in it: for small tables
     * whose numbers matter (output sizes, counts).
     */
    static JFreeChart labelled(String title, String xLabel, List<String> columnNames, String yLabel,
            List<String> rowNames, double[][] values, ColourScale scale, String legendLabel) {
        SymbolAxis x = new SymbolAxis(xLabel, columnNames.toArray(String[]::new));
        // Names longer than a few characters would overlap side by side: turn them.
        x.setVerticalTickLabels(columnNames.stream().anyMatch(name -> name.length() > 6));
        x.setGridBandsVisible(false);
        SymbolAxis y = new SymbolAxis(yLabel, rowNames.toArray(String[]::new));
        y.setGridBandsVisible(false);
        y.setInverted(true);
        XYPlot plot = new XYPlot(dataset(title, values), x, y, new ValueRenderer(scale));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, false);
        chart.addSubtitle(legend(scale, legendLabel));
        ChartStyle.apply(chart);
        return chart;
    }

    /** The colour legend of a scale, as a strip with a labelled axis. */
    static PaintScaleLegend legend(ColourScale scale, String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(scale.getLowerBound(), scale.getUpperBound());
        // About six labels: a tall legend would otherwise be labelled every 0.05.
        axis.setTickUnit(new NumberTickUnit(niceStep((scale.getUpperBound() - scale.getLowerBound()) / 6)));
        axis.setTickLabelFont(ChartStyle.TICK_FONT);
        axis.setLabelFont(ChartStyle.TICK_FONT);
        axis.setTickLabelPaint(Palette.TEXT);
        axis.setLabelPaint(Palette.TEXT);
        PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setStripWidth(14);
        legend.setStripOutlineVisible(false);
        legend.setMargin(new RectangleInsets(8, 10, 8, 4));
        legend.setBackgroundPaint(Color.WHITE);
        return legend;
    }

    /** The 1, 2 or 5 times a power of ten nearest above {@code rough}. */
    static double niceStep(double rough) {
        if (!(rough > 0) || !Double.isFinite(rough)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double m = rough / power;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
    }

    /** One cell per value: x the column, y the row, z the value. */
    static DefaultXYZDataset dataset(String key, double[][] values) {
        int rows = values.length;
        int cols = values[0].length;
        double[][] xyz = new double[3][rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                xyz[0][i] = c;
                xyz[1][i] = r;
                xyz[2][i] = values[r][c];
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries(key, xyz);
        return dataset;
    }

    private static XYBlockRenderer renderer(ColourScale scale) {
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        return renderer;
    }

    // One tick per cell index, the cells centred on whole numbers.
    private static NumberAxis cellAxis(String label, int cells) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setRange(-0.5, cells - 0.5);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    /** Paints each cell, then writes its value in it, white on dark cells and black on light ones. */
    static final class ValueRenderer extends XYBlockRenderer {

        private static final long serialVersionUID = 1L;
        private final ColourScale scale;

        ValueRenderer(ColourScale scale) {
            this.scale = scale;
            setPaintScale(scale);
        }

        @Override
        public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
                XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
                CrosshairState crosshairState, int pass) {
            super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item,
                    crosshairState, pass);
            double z = ((DefaultXYZDataset) dataset).getZValue(series, item);
            double x = domainAxis.valueToJava2D(dataset.getXValue(series, item), dataArea, plot.getDomainAxisEdge());
            double y = rangeAxis.valueToJava2D(dataset.getYValue(series, item), dataArea, plot.getRangeAxisEdge());
            String text = z == Math.rint(z) ? Long.toString(Math.round(z)) : String.format(Locale.ROOT, "%.3g", z);
            g2.setFont(ChartStyle.LABEL_FONT);
            g2.setPaint(scale.isDark(z) ? Color.WHITE : Palette.TEXT);
            FontMetrics metrics = g2.getFontMetrics();
            g2.drawString(text, (float) (x - metrics.stringWidth(text) / 2.0),
                    (float) (y + metrics.getAscent() / 2.0 - 1));
        }
    }
}
