package org.convlab.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;

/** The visual grammar every chart follows: palette, reference lines, axes, labels, titles. */
class ChartStyleTest {

    private static final double[] X = {1, 2, 3, 4};

    @Test
    void paletteHasNoYellowOrCyanAndEveryColourStandsOutOnWhite() {
        for (Color c : Palette.SERIES) {
            float[] hsb = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
            double hue = hsb[0] * 360;
            boolean bright = hsb[2] > 0.85 && hsb[1] > 0.5;
            assertFalse(bright && hue > 45 && hue < 75, "yellow in the palette: " + c);
            assertFalse(bright && hue > 165 && hue < 195, "cyan in the palette: " + c);
            assertTrue(contrastOnWhite(c) >= 2.2, "too faint on white: " + c + " contrast " + contrastOnWhite(c));
        }
        assertFalse(Palette.SERIES.contains(Palette.YELLOW));
        assertEquals(Palette.SERIES.size(), Palette.SERIES.stream().distinct().count(), "colours repeat");
    }

    @Test
    void lineChartTakesItsColoursFromThePaletteInOrder() {
        JFreeChart chart = PlotCharts.line("t", "x", "y", List.of(
                new LineSeries("a", X, new double[] {1, 2, 3, 4}),
                new LineSeries("b", X, new double[] {2, 3, 4, 5}),
                new LineSeries("c", X, new double[] {3, 4, 5, 6})), false, List.of());
        XYItemRenderer renderer = chart.getXYPlot().getRenderer();
        for (int i = 0; i < 3; i++) {
            assertEquals(Palette.series(i), renderer.getSeriesPaint(i));
        }
    }

    @Test
    void referenceLineIsDashedAndDrawnAfterTheMeasuredLineItCovers() {
        // The reference comes first in the caller's list; it must still be drawn last, on top.
        JFreeChart chart = PlotCharts.line("t", "x", "y", List.of(
                new LineSeries("formula", X, new double[] {1, 2, 3, 4}).inHue("m=3").asReference(),
                new LineSeries("counted", X, new double[] {1, 2, 3, 4}).inHue("m=3")), false, List.of());
        XYPlot plot = chart.getXYPlot();
        XYItemRenderer renderer = plot.getRenderer();
        int measured = plot.getDataset().indexOf("counted");
        int reference = plot.getDataset().indexOf("formula");
        assertEquals(SeriesRenderingOrder.FORWARD, plot.getSeriesRenderingOrder());
        assertTrue(reference > measured, "the reference is drawn after the measured line");
        assertTrue(ChartStyle.isDashed(renderer.getSeriesStroke(reference)));
        assertFalse(ChartStyle.isDashed(renderer.getSeriesStroke(measured)));
        assertTrue(strokeWidth(renderer, reference) < strokeWidth(renderer, measured),
                "the dashed line is thinner, so the measured one shows beside it");
        assertFalse(((LineRenderer) renderer).getItemShapeVisible(reference, 0), "no markers on a reference");
    }

    @Test
    void countedAndArticleLinesOfOneHueShareItAndOtherHuesDiffer() {
        JFreeChart chart = PlotCharts.line("t", "x", "y", List.of(
                new LineSeries("m=3 counted", X, X).inHue("m=3"),
                new LineSeries("m=3 article", X, X).inHue("m=3").asReference(),
                new LineSeries("m=5 counted", X, X).inHue("m=5"),
                new LineSeries("m=5 article", X, X).inHue("m=5").asReference()), false, List.of());
        XYPlot plot = chart.getXYPlot();
        Paint m3 = paintOf(plot, "m=3 counted");
        Paint m5 = paintOf(plot, "m=5 counted");
        assertNotEquals(m3, m5);
        assertEquals(Palette.referenceShade((Color) m3), paintOf(plot, "m=3 article"));
        assertEquals(Palette.referenceShade((Color) m5), paintOf(plot, "m=5 article"));
    }

    @Test
    void coincidingMeasuredLinesShowMarkersAtDifferentPoints() {
        double[] steps = new double[150];
        double[] flat = new double[150];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i + 1;
            flat[i] = 0.25;
        }
        JFreeChart chart = PlotCharts.line("t", "step", "loss", List.of(new LineSeries("1D", steps, flat),
                new LineSeries("2D", steps, flat)), true, List.of());
        LineRenderer renderer = (LineRenderer) chart.getXYPlot().getRenderer();
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            if (renderer.getItemShapeVisible(0, i)) {
                first.add(i);
            }
            if (renderer.getItemShapeVisible(1, i)) {
                second.add(i);
            }
        }
        assertTrue(first.size() >= 5 && first.size() <= 20, "a few markers, not 150: " + first.size());
        assertTrue(first.stream().noneMatch(second::contains), "markers staggered: " + first + " vs " + second);
        assertNotEquals(renderer.getSeriesShape(0), renderer.getSeriesShape(1));
    }

    @Test
    void referenceLevelIsADashedForegroundMarker() {
        JFreeChart chart = PlotCharts.bars("t", "groups", "speed-up", List.of(new Bar("s", "2", 1.5),
                new Bar("s", "4", 0.8)), List.of(new ReferenceLine("break-even", 1.0)));
        CategoryPlot plot = chart.getCategoryPlot();
        var markers = plot.getRangeMarkers(Layer.FOREGROUND);
        assertEquals(1, markers.size());
        Marker marker = (Marker) markers.iterator().next();
        assertEquals(1.0, ((ValueMarker) marker).getValue());
        assertTrue(ChartStyle.isDashed(marker.getStroke()));
        assertEquals("break-even", marker.getLabel());
    }

    @Test
    void referenceLevelOutsideTheDataStillShows() {
        JFreeChart chart = PlotCharts.bars("t", "c", "v", List.of(new Bar("s", "a", 3), new Bar("s", "b", 4)),
                List.of(new ReferenceLine("target", 9)));
        assertTrue(chart.getCategoryPlot().getRangeAxis().getRange().contains(9));
    }

    @Test
    void dotChartAxisSpansTheValuesNotZero() {
        // transposed-psnr: a 1.1 dB difference between 18.2 and 19.3 dB.
        JFreeChart chart = PlotCharts.dots("PSNR", "method", "dB", List.of(new Bar("PSNR", "nearest", 17.95),
                new Bar("PSNR", "bilinear", 18.22), new Bar("PSNR", "learned", 19.33)), List.of());
        NumberAxis axis = (NumberAxis) chart.getCategoryPlot().getRangeAxis();
        draw(chart, 760, 340);
        assertFalse(axis.getAutoRangeIncludesZero());
        assertTrue(axis.getLowerBound() > 10, "axis from " + axis.getLowerBound());
        assertTrue(axis.getUpperBound() > 19.33 && axis.getLowerBound() < 17.95);
        CategoryItemRenderer renderer = chart.getCategoryPlot().getRenderer();
        assertTrue(renderer.getDefaultItemLabelsVisible(), "each dot carries its value");
    }

    @Test
    void longCategoryNamesWrapInsteadOfBeingCut() {
        JFreeChart chart = PlotCharts.bars("t", "layer", "ms", List.of(new Bar("ms", "DepthwiseSeparable Conv2d", 31),
                new Bar("ms", "Conv2d 64->128", 60)), List.of());
        assertTrue(chart.getCategoryPlot().getDomainAxis().getMaximumCategoryLabelLines() >= 2);
    }

    @Test
    void confusionMatrixNamesTheClassesOnBothAxes() {
        List<String> names = List.of("T-shirt/top", "Trouser", "Pullover");
        JFreeChart chart = HeatmapCharts.confusion("Confusion", names, new long[][] {{5, 1, 0}, {0, 7, 0},
                {2, 0, 4}});
        XYPlot plot = chart.getXYPlot();
        assertEquals(names, List.of(((SymbolAxis) plot.getDomainAxis()).getSymbols()));
        assertEquals(names, List.of(((SymbolAxis) plot.getRangeAxis()).getSymbols()));
        assertTrue(plot.getRangeAxis().isInverted(), "first class at the top, as the printed matrix");
        assertTrue(plot.getRenderer() instanceof HeatmapCharts.ValueRenderer, "counts written in the cells");
    }

    @Test
    void countsAreWrittenInTheCells() {
        // The cell of 7 is dark blue: its count, written in white, puts light pixels into it; the
        // same chart with a plain block renderer has none there.
        long[][] counts = {{0, 0}, {0, 7}};
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage withCounts = draw(HeatmapCharts.confusion("C", List.of("a", "b"), counts), 400, 400, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        JFreeChart plain = HeatmapCharts.confusion("C", List.of("a", "b"), counts);
        XYBlockRenderer blocks = new XYBlockRenderer();
        blocks.setPaintScale(ColourScale.forCounts(7));
        plain.getXYPlot().setRenderer(blocks);
        BufferedImage withoutCounts = draw(plain, 400, 400, new ChartRenderingInfo());
        assertTrue(lightPixelsInLastCell(withCounts, area) > 0, "the count is written in the cell");
        assertEquals(0, lightPixelsInLastCell(withoutCounts, area));
    }

    @Test
    void titlesBreakAtSpacesOnlyAndFitTheWidth() {
        String title = "Grouped conv fwd+bwd, parallel groups vs sequential (N=32, 128->128, 16x16, k3; 2 cores)";
        List<String> lines = TextWrap.lines(title, ChartStyle.TITLE_FONT, 400);
        assertTrue(lines.size() >= 2);
        for (String line : lines) {
            assertTrue(TextWrap.width(line, ChartStyle.TITLE_FONT) <= 400, line);
            assertFalse(line.endsWith("-"), "broken inside '128->128': " + lines);
        }
        assertEquals(title, String.join(" ", lines));
    }

    @Test
    void heatmapGridKeepsPanelsLargeEnoughToRead() {
        assertEquals(3, HeatmapGrid.columnsFor(3));
        assertEquals(2, HeatmapGrid.columnsFor(4), "four panels as 2 x 2, not one row of four");
        assertEquals(3, HeatmapGrid.columnsFor(6));
    }

    @Test
    void legendStepsAreRoundNumbers() {
        assertEquals(0.2, HeatmapCharts.niceStep(1.0 / 6), 1e-12);
        assertEquals(0.5, HeatmapCharts.niceStep(6.0 / 6 * 0.4), 1e-12);
        assertEquals(1000, HeatmapCharts.niceStep(4000.0 / 6), 1e-9);
        assertEquals(1, HeatmapCharts.niceStep(0));
    }

    @Test
    void sharedScaleSpansEveryPanel() {
        ColourScale scale = ColourScale.forPanels(List.of(new double[][] {{-1, 0.5}}, new double[][] {{3, 0}}));
        assertEquals(-3, scale.getLowerBound());
        assertEquals(3, scale.getUpperBound());
    }

    private static Paint paintOf(XYPlot plot, String series) {
        return plot.getRenderer().getSeriesPaint(plot.getDataset().indexOf(series));
    }

    private static float strokeWidth(XYItemRenderer renderer, int series) {
        return ((java.awt.BasicStroke) renderer.getSeriesStroke(series)).getLineWidth();
    }

    private static double contrastOnWhite(Color c) {
        double l = 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
        return 1.05 / (l + 0.05);
    }

    private static double linear(int channel) {
        double v = channel / 255.0;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static BufferedImage draw(JFreeChart chart, int width, int height) {
        return draw(chart, width, height, null);
    }

    private static BufferedImage draw(JFreeChart chart, int width, int height, ChartRenderingInfo info) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height), null, info);
        g.dispose();
        return image;
    }

    // Light pixels around the centre of the bottom-right cell of a 2x2 heatmap.
    private static int lightPixelsInLastCell(BufferedImage image, Rectangle2D area) {
        int cx = (int) (area.getX() + area.getWidth() * 0.75);
        int cy = (int) (area.getY() + area.getHeight() * 0.75);
        int n = 0;
        for (int y = cy - 8; y <= cy + 8; y++) {
            for (int x = cx - 12; x <= cx + 12; x++) {
                Color c = new Color(image.getRGB(x, y));
                n += c.getRed() + c.getGreen() + c.getBlue() > 600 ? 1 : 0;
            }
        }
        return n;
    }
}
