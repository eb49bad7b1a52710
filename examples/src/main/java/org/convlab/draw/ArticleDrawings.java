package org.convlab.draw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * ConvLab's drawings of the article's own figures, in the settings the article uses, for the
 * report to show beside each measurement. An experiment adds them with one line, e.g.
 * {@code ArticleDrawings.transposed(ctx.chartDir()).addTo(result::chart, result::caption);}
 * Files go to the chart directory as {@code draw-<name>.png|svg}.
 */
public final class ArticleDrawings {

    /** One drawing: its files (relative to the report directory, PNG first) and its caption. */
    public record Figure(List<String> files, String caption) {
    }

    /** The drawings of one experiment. */
    public record Drawn(List<Figure> figures) {
        /** Hands every file to {@code chart} and each drawing's caption (on its PNG) to {@code caption}. */
        public void addTo(Consumer<String> chart, BiConsumer<String, String> caption) {
            for (Figure f : figures) {
                f.files().forEach(chart);
                caption.accept(f.files().get(0), f.caption());
            }
        }
    }

    private ArticleDrawings() {
    }

    /** The 2x2 -> 4x4 upsampling (k3), the zeros inserted for 2x2 -> 5x5 (stride 2), and the 4x16 matrix C. */
    public static Drawn transposed(Path chartDir) {
        List<Figure> figures = new ArrayList<>();
        figures.add(draw(chartDir, "transposed-2x2-to-4x4", DrawSettings.builder(ConvType.TRANSPOSED, 2, 2).build(),
                DrawOptions.still(), false, "ConvLab's drawing of the article's upsampling figure: the 2×2 input"
                        + " (blue) padded by d(k−1)−p = 2 zeros (dashed) is read by the flipped 3×3 kernel (orange,"
                        + " each cell names the weight it multiplies) at stride 1, giving the 4×4 output (green)."));
        figures.add(draw(chartDir, "transposed-stride-2", DrawSettings.builder(ConvType.TRANSPOSED, 2, 2).stride(2)
                .build(), DrawOptions.still(), false, "Stride 2: one zero is inserted between the inputs (dashed"
                        + " cells marked 0) before the 3×3 kernel slides at stride 1, so the 2×2 input becomes 5×5."));
        figures.add(draw(chartDir, "transposed-matrix-c", DrawSettings.builder(ConvType.CONV, 4, 4).build(),
                DrawOptions.still(), true, "The article's 4×16 matrix C of the 3×3 convolution on a 4×4"
                        + " input, assembled from the drawn taps: each row is one output, each shaded cell the"
                        + " weight that multiplies that input. The transposed convolution multiplies by C^T."));
        return new Drawn(figures);
    }

    /** A 3x3 kernel dilated by 2 on a 7x7 input, and the receptive fields of stacked layers with l = 1, 2, 4. */
    public static Drawn dilated(Path chartDir) {
        List<Figure> figures = new ArrayList<>();
        figures.add(draw(chartDir, "dilated-kernel", DrawSettings.builder(ConvType.DILATED, 7, 7).dilation(2).build(),
                DrawOptions.still(), false, "A 3×3 kernel with dilation 2: its 9 weights (orange) read every"
                        + " second pixel and span 5×5 of the 7×7 input."));
        Path base = chartDir.resolve("draw-dilated-receptive-field");
        try {
            SceneFiles.still(new ReceptiveFieldDiagram(3, new int[] {1, 2, 4}).scene(), base);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw into " + chartDir, e);
        }
        String dir = chartDir.getFileName().toString();
        figures.add(new Figure(List.of(dir + "/draw-dilated-receptive-field.png",
                dir + "/draw-dilated-receptive-field.svg"), "ConvLab's drawing of the article's l = 1, 2, 4"
                        + " figure, traced through the layers' taps: one output pixel sees 3×3, 7×7 and 15×15 input"
                        + " pixels (shaded) while each layer has 9 weights (orange: the pixels its kernel reads)."));
        return new Drawn(figures);
    }

    /** The 5x5 image: a 3x1 kernel at 15 positions, then a 1x3 kernel at 9. */
    public static Drawn spatiallySeparable(Path chartDir) {
        return new Drawn(List.of(draw(chartDir, "spatially-separable",
                DrawSettings.builder(ConvType.SPATIALLY_SEPARABLE, 5, 5).build(), DrawOptions.still(), false,
                "ConvLab's drawing of the article's 5×5 example: the 3×1 kernel visits 5×3 = 15 positions (the"
                        + " middle grid), then the 1×3 kernel visits 3×3 = 9, each position 3 multiplications.")));
    }

    /** 7x7x3 -> 5x5x3 (depthwise, one 3x3 kernel per channel) -> 5x5x128 (128 kernels 1x1x3). */
    public static Drawn depthwiseSeparable(Path chartDir) {
        return new Drawn(List.of(draw(chartDir, "depthwise-separable",
                DrawSettings.builder(ConvType.DEPTHWISE_SEPARABLE, 7, 7).channels(3).outChannels(128).build(),
                DrawOptions.still(), false, "ConvLab's drawing of the article's steps: each of the 3 input"
                        + " channels (one colour each) is convolved with its own 3×3×1 kernel into 5×5×3, then 128"
                        + " kernels of 1×1×3 mix the channels into 5×5×128 (three of the 128 shown, and the last).")));
    }

    /** The article's typical 2D convolution: 7x7x3 input, a 3x3x3 filter, a 5x5x1 output. */
    public static Drawn arithmetic(Path chartDir) {
        return new Drawn(List.of(draw(chartDir, "conv-7x7x3", DrawSettings.builder(ConvType.CONV, 7, 7).channels(3)
                .outChannels(1).build(), DrawOptions.still(), false, "ConvLab's drawing of the article's typical 2D"
                        + " convolution: one 3×3×3 filter reads all 3 channels of the 7×7×3 input at each position"
                        + " and gives one 5×5×1 map; output sizes come from the layer's outputShape.")));
    }

    /** Two filter groups, each seeing half of the channels (for the grouped experiment). */
    public static Drawn grouped(Path chartDir) {
        return new Drawn(List.of(draw(chartDir, "grouped", DrawSettings.builder(ConvType.GROUPED, 5, 5).channels(4)
                .outChannels(4).groups(2).padding(1).build(), DrawOptions.still(), false, "ConvLab's drawing of"
                        + " two filter groups: each filter (coloured by group) reads only the 2 input channels of its"
                        + " group, so each group's outputs depend on half of the input.")));
    }

    private static Figure draw(Path chartDir, String name, DrawSettings settings, DrawOptions options,
            boolean matrixOnly, String caption) {
        Path base = chartDir.resolve("draw-" + name);
        String dir = chartDir.getFileName().toString();
        try {
            if (matrixOnly) {
                SceneFiles.still(MatrixDiagram.of(new ConvPlan(settings), null).get(0).scene(), base);
            } else {
                ConvDrawings.draw(settings, options, base);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + name + " into " + chartDir, e);
        }
        String file = dir + "/draw-" + name;
        return new Figure(List.of(file + ".png", file + ".svg"), caption);
    }
}
