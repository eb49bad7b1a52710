package org.convlab.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.convlab.reference.ReferenceConv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The drawn matrix C equals the reference's explicit matrix, and the numbers of a worked example
 * equal the reference convolution of the drawn input with the drawn weights — and, read off the
 * picture, each output is the sum of the products under the kernel.
 */
class MatrixAndValuesTest {

    static Stream<DrawSettings> matrixSettings() {
        return Stream.of(
                DrawSettings.builder(ConvType.CONV, 4, 4).build(), // the article's 4x16
                DrawSettings.builder(ConvType.CONV, 5, 5).stride(2).padding(1).build(),
                DrawSettings.builder(ConvType.DILATED, 7, 6).dilation(2).padding(1).build(),
                DrawSettings.builder(ConvType.TRUE_CONV, 6).kernel(3).stride(2).build(),
                DrawSettings.builder(ConvType.GROUPED, 4, 4).channels(4).outChannels(2).groups(2).build(),
                DrawSettings.builder(ConvType.DEPTHWISE, 4, 4).channels(2).build(),
                DrawSettings.builder(ConvType.TRANSPOSED, 2, 2).kernel(3).build(),
                DrawSettings.builder(ConvType.TRANSPOSED, 3, 2).stride(2).padding(1).outputPadding(1).build());
    }

    @ParameterizedTest
    @MethodSource("matrixSettings")
    void drawnMatrixIsTheReferenceMatrix(DrawSettings s) {
        ConvPlan plan = new ConvPlan(s);
        List<MatrixDiagram> drawn = MatrixDiagram.of(plan, null);
        double[][] expected = StepMatrices.of(s).get(0).matrix(); // C, or C^T for transposed
        MatrixDiagram c = drawn.get(0);
        if (s.type() == ConvType.TRANSPOSED) {
            assertEquals(2, drawn.size(), "C and C^T");
            assertEquals("-matrix-T", drawn.get(1).suffix());
            assertEntries(expected, drawn.get(1).entries, s + " C^T");
            assertEntries(transpose(expected), c.entries, s + " C");
        } else {
            assertEquals(1, drawn.size());
            assertEntries(expected, c.entries, s + " C");
        }
        // What the picture shows: one shaded, labelled cell per non-zero.
        Scene scene = c.scene();
        long shaded = scene.cells("C").stream().filter(cell -> cell.tag().weight() != null).count();
        long nonZero = Arrays.stream(c.entries).flatMapToInt(Arrays::stream).filter(e -> e >= 0).count();
        assertEquals(nonZero, shaded);
    }

    @Test
    void theArticlesMatrixIsFourBySixteenWithNineWeightsPerRow() {
        MatrixDiagram c = MatrixDiagram.of(new ConvPlan(DrawSettings.builder(ConvType.CONV, 4, 4).build()), null)
                .get(0);
        assertEquals(4, c.entries.length);
        assertEquals(16, c.entries[0].length);
        for (int[] row : c.entries) {
            assertEquals(9, Arrays.stream(row).filter(e -> e >= 0).count());
        }
    }

    private static void assertEntries(double[][] reference, int[][] drawn, String what) {
        assertEquals(reference.length, drawn.length, what + " rows");
        for (int i = 0; i < reference.length; i++) {
            assertEquals(reference[i].length, drawn[i].length, what + " columns");
            for (int j = 0; j < reference[i].length; j++) {
                // The reference matrix holds weight index + 1 (weights numbered from 1), 0 for a zero.
                assertEquals((int) reference[i][j] - 1, drawn[i][j], what + " entry " + i + "," + j);
            }
        }
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    static Stream<DrawSettings> valueSettings() {
        return Stream.of(
                DrawSettings.builder(ConvType.CONV, 5, 5).stride(2).padding(1).build(),
                DrawSettings.builder(ConvType.CONV, 7).dilation(2).build(),
                DrawSettings.builder(ConvType.TRUE_CONV, 4, 5).kernel(2, 3).build(),
                DrawSettings.builder(ConvType.DILATED, 7, 7).build(),
                DrawSettings.builder(ConvType.TRANSPOSED, 2, 2).kernel(3).build(),
                DrawSettings.builder(ConvType.TRANSPOSED, 3, 3).stride(2).padding(1).outputPadding(1).build());
    }

    @ParameterizedTest
    @MethodSource("valueSettings")
    void workedExampleNumbersAreTheReferenceOutput(DrawSettings s) {
        ConvPlan plan = new ConvPlan(s);
        WorkedExample example = new WorkedExample(plan, 7);
        // The reference convolution of the example's input and weights: an oracle outside the layer.
        INDArray x = Nd4j.create(example.input, plan.inputShape(), 'c');
        INDArray w = Nd4j.create(example.weights.get(0), plan.layer.parameters().get(0).value().shape(), 'c');
        int[] zeros = new int[s.rank()];
        INDArray expected = switch (s.type()) {
            case TRANSPOSED -> ReferenceConv.transposed(x, w, null, s.stride(), s.padding(), s.outputPadding(),
                    s.dilation(), 1).output();
            case TRUE_CONV -> ReferenceConv.trueConvolution(x, w, null, s.stride(), s.padding(), s.padding(),
                    s.dilation(), 1).output();
            default -> ReferenceConv.crossCorrelation(x, w, null, s.stride(), s.padding(), s.padding(),
                    s.dilation(), 1).output();
        };
        double[] want = expected.dup('c').data().asDouble();
        GridDiagram diagram = new GridDiagram(plan, example);
        Scene still = diagram.still(null);
        int drawnOutputs = 0;
        for (Scene.Cell cell : still.cells("grid1")) {
            if (cell.tag().role() == Scene.Role.OUTPUT) {
                int flat = Grids.flat(cell.tag().index(), plan.steps.get(0).output());
                assertEquals(want[flat], Double.parseDouble(cell.text()), 0.0, s + " output " + flat);
                drawnOutputs++;
            }
        }
        assertEquals(want.length, drawnOutputs);
        // By hand from the picture: every frame's highlighted output = sum of value x weight under the kernel.
        for (Scene frame : diagram.frames()) {
            double sum = 0;
            for (Scene.Cell cell : frame.cells("grid0")) {
                if (cell.tag().weight() != null) {
                    sum += Double.parseDouble(cell.text()) * Double.parseDouble(cell.corner().substring(1));
                }
            }
            Scene.Cell current = frame.cells("grid1").stream().filter(c -> c.tag().current()).findFirst()
                    .orElseThrow();
            assertEquals(Double.parseDouble(current.text()), sum, 0.0, s.toString());
        }
    }

    @Test
    void workedExampleNumbersOfChannelPicturesAreTheReferenceOutput() {
        // Grouped: 4 channels in 2 groups -> 2 outputs; every drawn output number against the reference.
        DrawSettings s = DrawSettings.builder(ConvType.GROUPED, 4, 4).channels(4).outChannels(2).groups(2).build();
        ConvPlan plan = new ConvPlan(s);
        WorkedExample example = new WorkedExample(plan, 5);
        INDArray x = Nd4j.create(example.input, plan.inputShape(), 'c');
        INDArray w = Nd4j.create(example.weights.get(0), plan.layer.parameters().get(0).value().shape(), 'c');
        double[] want = ReferenceConv.crossCorrelation(x, w, null, s.stride(), s.padding(), s.padding(),
                s.dilation(), 2).output().dup('c').data().asDouble();
        Scene still = new ChannelDiagram(plan, example).still(null);
        int checked = 0;
        for (int o = 0; o < 2; o++) {
            for (Scene.Cell cell : still.cells("grid1.c" + o)) {
                int flat = o * 4 + Grids.flat(cell.tag().index(), new int[] {2, 2});
                assertEquals(want[flat], Double.parseDouble(cell.text()), 0.0, "output " + o);
                checked++;
            }
        }
        assertEquals(8, checked);
    }

    @Test
    void workedExampleOfTwoStepLayersChainsThroughTheMiddleGrid() {
        DrawSettings s = DrawSettings.builder(ConvType.SPATIALLY_SEPARABLE, 5, 5).padding(1).build();
        ConvPlan plan = new ConvPlan(s);
        WorkedExample example = new WorkedExample(plan, 3);
        GridDiagram diagram = new GridDiagram(plan, example);
        int checked = 0;
        for (Scene frame : diagram.frames()) {
            for (int j = 0; j < 2; j++) {
                double sum = 0;
                boolean active = false;
                for (Scene.Cell cell : frame.cells("grid" + j)) {
                    if (cell.tag().weight() != null) {
                        active = true;
                        sum += Double.parseDouble(cell.text()) * Double.parseDouble(cell.corner().substring(1));
                    }
                }
                if (active) {
                    Scene.Cell current = frame.cells("grid" + (j + 1)).stream().filter(c -> c.tag().current())
                            .findFirst().orElseThrow();
                    assertEquals(Double.parseDouble(current.text()), sum, 0.0);
                    checked++;
                }
            }
        }
        assertEquals(25 + 25, checked, "every frame of both steps (5x5 outputs each) checked");
    }
}
