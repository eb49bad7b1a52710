package org.convlab.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

class ChartsTest {

    @TempDir
    Path dir;

    private static final double[][] SIGNED = {{-1, 0, 1}, {2, -2, 0.5}, {0, 0, -0.25}};
    private static final double[][] POSITIVE = {{0, 1, 2, 3}, {4, 5, 6, 7}};

    static Stream<Arguments> everyKindOfChart() {
        return Stream.of(
                kind("line", c -> c.line("line", "Loss", "epoch", "loss", List.of(
                        LineSeries.ofSteps("train", new double[] {1, 0.5, 0.2}),
                        LineSeries.ofSteps("test", new double[] {1.2, 0.7, 0.4})), false)),
                kind("log-line", c -> c.line("log", "Cost", "size", "multiplications", List.of(
                        new LineSeries("standard", new double[] {8, 16, 32}, new double[] {1e3, 1e5, 1e7})), true)),
                kind("bars", c -> c.bars("bars", "Multiplications", "layer", "count", List.of(
                        new Bar("standard", "5x5", 81), new Bar("separable", "5x5", 72),
                        new Bar("standard", "7x7", 225), new Bar("separable", "7x7", 180)))),
                kind("heatmap-signed", c -> c.heatmap("signed", "Kernel", "column", "row", SIGNED)),
                kind("heatmap-row", c -> c.heatmaps("row", "g, flip(g), learned", "column", "row", List.of(
                        new HeatmapPanel("g", SIGNED), new HeatmapPanel("flip(g)", SIGNED),
                        new HeatmapPanel("counts", POSITIVE)))),
                kind("gray-tiles", c -> c.tiles("gray", "Feature maps", List.of(
                        ImageTile.gray("a", POSITIVE), ImageTile.gray("b", SIGNED),
                        ImageTile.gray("constant", new double[][] {{1, 1}, {1, 1}})), 2)),
                kind("line-with-references", c -> c.line("refs", "Counted vs formula", "N", "ratio", List.of(
                        new LineSeries("counted", new double[] {5, 6, 7}, new double[] {0.9, 0.8, 0.75}).inHue("m=3"),
                        new LineSeries("formula", new double[] {5, 6, 7}, new double[] {0.9, 0.8, 0.75}).inHue("m=3")
                                .asReference()), false, List.of(new ReferenceLine("limit 2/3", 2.0 / 3)))),
                kind("dots", c -> c.dots("dots", "PSNR", "method", "dB", List.of(new Bar("PSNR", "bilinear", 18.2),
                        new Bar("PSNR", "learned", 19.3)))),
                kind("heatmap-grid-2x2", c -> c.heatmaps("grid", "Four kernels", "column", "row", List.of(
                        new HeatmapPanel("a", SIGNED), new HeatmapPanel("b", SIGNED), new HeatmapPanel("c", SIGNED),
                        new HeatmapPanel("d", SIGNED)))),
                kind("value-grid", c -> c.valueGrid("sizes", "Output sizes", "padding", List.of("p=0", "p=1", "p=2"),
                        "stride", List.of("s=1", "s=2", "s=3"), new double[][] {{4, 2, 0}, {5, 3, 1}, {6, 4, 2}})),
                kind("confusion", c -> c.confusion("confusion", "Confusion", List.of("T-shirt/top", "Trouser"),
                        new long[][] {{90, 10}, {3, 97}})),
                kind("rgb-tiles", c -> c.tiles("rgb", "Colour filters", List.of(
                        ImageTile.rgb("filter 1", new double[][][] {SIGNED, SIGNED, SIGNED}),
                        ImageTile.rgb("filter 2", new double[][][] {{{1, 0}, {0, 0}}, {{0, 1}, {0, 0}},
                                {{0, 0}, {1, 0}}})), 4)));
    }

    private static Arguments kind(String name, Function<Charts, List<String>> draw) {
        return Arguments.of(name, draw);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKindOfChart")
    void chartIsAReadablePngAndAnSvgDocument(String kind, Function<Charts, List<String>> draw) throws Exception {
        Charts charts = new Charts(dir, "charts", "exp");
        List<String> files = draw.apply(charts);

        assertEquals(2, files.size());
        assertTrue(files.get(0).startsWith("charts/exp-") && files.get(0).endsWith(".png"), files.get(0));
        assertTrue(files.get(1).endsWith(".svg"), files.get(1));
        assertEquals(files, charts.written());

        BufferedImage png = ImageIO.read(dir.resolve(fileName(files.get(0))).toFile());
        assertNotNull(png, "PNG decodes");
        // A single row of image tiles is wide and low; no chart is a thumbnail.
        assertTrue(png.getWidth() >= 300 && png.getHeight() >= 180, png.getWidth() + "x" + png.getHeight());
        assertTrue(distinctColours(png) > 2, "the chart is more than a blank canvas");

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document svg = factory.newDocumentBuilder().parse(dir.resolve(fileName(files.get(1))).toFile());
        assertEquals("svg", svg.getDocumentElement().getNodeName());
    }

    @Test
    void confusionMatrixMustBeSquareInItsClasses() {
        Charts charts = new Charts(dir, "charts", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> charts.confusion("c", "t",
                List.of("a", "b", "c"), new long[][] {{1, 2}, {3, 4}}));
        assertTrue(e.getMessage().contains("3x3"), e.getMessage());
    }

    @Test
    void chartNameMustBeAFileName() {
        Charts charts = new Charts(dir, "charts", "");
        assertThrows(IllegalArgumentException.class, () -> charts.heatmap("../escape", "t", "x", "y", SIGNED));
    }

    @Test
    void divergingScaleIsWhiteAtZeroAndSymmetric() {
        ColourScale scale = ColourScale.forValues(SIGNED);
        assertEquals(-2, scale.getLowerBound());
        assertEquals(2, scale.getUpperBound());
        assertEquals(java.awt.Color.WHITE, scale.getPaint(0));
    }

    private static String fileName(String relative) {
        return relative.substring(relative.indexOf('/') + 1);
    }

    private static int distinctColours(BufferedImage image) throws IOException {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
