package org.convlab.charts;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Builds the line and bar charts. */
final class PlotCharts {

    private PlotCharts() {
    }

    static JFreeChart line(String title, String xLabel, String yLabel, List<LineSeries> series, boolean logY) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (LineSeries s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.x().length; i++) {
                // A log axis cannot place zero or negative values; leave them out rather than fail.
                if (!logY || s.y()[i] > 0) {
                    xy.add(s.x()[i], s.y()[i]);
                }
            }
            dataset.addSeries(xy);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, dataset,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        // Markers on the points: short series (a handful of sizes) read better with them.
        plot.setRenderer(new XYLineAndShapeRenderer(true, series.stream().allMatch(s -> s.x().length <= 30)));
        if (logY) {
            LogAxis axis = new LogAxis(yLabel);
            // Keep the theme's fonts, which the replaced linear axis carried.
            axis.setLabelFont(plot.getRangeAxis().getLabelFont());
            axis.setTickLabelFont(plot.getRangeAxis().getTickLabelFont());
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
        style(chart);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }

    static JFreeChart bars(String title, String categoryLabel, String valueLabel, List<Bar> bars) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Bar bar : bars) {
            dataset.addValue(bar.value(), bar.series(), bar.category());
        }
        JFreeChart chart = ChartFactory.createBarChart(title, categoryLabel, valueLabel, dataset,
                PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        style(chart);
        return chart;
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
    }
}
