package org.convlab.charts;

import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/** Builds a heatmap chart of a matrix, row 0 at the top as in an image, with its colour legend. */
final class HeatmapCharts {

    private HeatmapCharts() {
    }

    static JFreeChart heatmap(String title, String xLabel, String yLabel, double[][] values) {
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
        dataset.addSeries(title, xyz);

        NumberAxis x = cellAxis(xLabel, cols);
        NumberAxis y = cellAxis(yLabel, rows);
        y.setInverted(true);

        ColourScale scale = ColourScale.forValues(values);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setBackgroundPaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);

        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend(scale));
        return chart;
    }

    // One tick per cell index, the cells centred on whole numbers.
    private static NumberAxis cellAxis(String label, int cells) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setRange(-0.5, cells - 0.5);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    private static PaintScaleLegend legend(ColourScale scale) {
        NumberAxis axis = new NumberAxis("value");
        axis.setRange(scale.getLowerBound(), scale.getUpperBound());
        axis.setTickLabelFont(axis.getTickLabelFont().deriveFont(10f));
        PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setStripWidth(12);
        legend.setMargin(new RectangleInsets(4, 8, 4, 4));
        legend.setBackgroundPaint(Color.WHITE);
        return legend;
    }
}
