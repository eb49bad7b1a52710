package org.convlab.nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.convlab.engine.EngineChoice;
import org.convlab.nn.GradientChecker;
import org.convlab.nn.Init;
import org.convlab.reference.ReferenceConv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

class ConvTransposeTest {

    /** rank, in, out, k, stride, padding, outputPadding, dilation, groups, bias, size. */
    static Stream<int[]> cases() {
        return Stream.of(
                new int[] {1, 2, 3, 3, 1, 0, 0, 1, 1, 1, 4},
                new int[] {1, 2, 2, 3, 2, 1, 1, 1, 1, 0, 5},
                new int[] {1, 4, 2, 2, 3, 0, 2, 2, 2, 1, 3},
                new int[] {2, 1, 1, 3, 1, 0, 0, 1, 1, 1, 2},
                new int[] {2, 1, 1, 3, 2, 0, 0, 1, 1, 0, 2},
                new int[] {2, 2, 3, 4, 2, 1, 0, 1, 1, 1, 3},
                new int[] {2, 2, 2, 3, 2, 1, 1, 1, 1, 1, 3},
                new int[] {2, 4, 6, 3, 1, 1, 0, 2, 2, 1, 3},
                new int[] {2, 2, 2, 3, 1, 2, 1, 2, 1, 1, 4},
                new int[] {3, 2, 2, 2, 2, 0, 0, 1, 1, 1, 2},
                new int[] {3, 2, 4, 3, 2, 1, 1, 1, 2, 1, 2});
    }

    static ConvTransposeLayer build(int[] c, DataType type) {
        int rank = c[0];
        return switch (rank) {
            case 1 -> configure(ConvTranspose1d.builder(c[1], c[2], c[3]), c, type).build();
            case 2 -> configure(ConvTranspose2d.builder(c[1], c[2], c[3]), c, type).build();
            default -> configure(ConvTranspose3d.builder(c[1], c[2], c[3]), c, type).build();
        };
    }

    static <B extends ConvTransposeBuilder<B, ?>> B configure(B b, int[] c, DataType type) {
        return b.stride(c[4]).padding(c[5]).outputPadding(c[6]).dilation(c[7]).groups(c[8]).bias(c[9] == 1)
                .dataType(type).seed(3);
    }

    static INDArray input(int[] c, DataType type, int batch) {
        long[] shape = new long[c[0] + 2];
        shape[0] = batch;
        shape[1] = c[1];
        Arrays.fill(shape, 2, shape.length, c[10]);
        return Init.uniform(5, type, -1, 1, shape);
    }

    static Stream<Arguments> casesAndTypes() {
        return cases().flatMap(c -> Stream.of(ConvLayerTest.ENGINES).flatMap(e -> Stream.of(
                Arguments.of(c, DataType.DOUBLE, e), Arguments.of(c, DataType.FLOAT, e))));
    }

    static Stream<Arguments> casesAndEngines() {
        return cases().flatMap(c -> Stream.of(ConvLayerTest.ENGINES).map(e -> Arguments.of(c, e)));
    }

    @ParameterizedTest
    @MethodSource("casesAndTypes")
    void forwardMatchesZeroInsertionPaddingAndFlippedKernel(int[] c, DataType type, EngineChoice engine) {
        ConvTransposeLayer t = build(c, type);
        t.setEngine(engine);
        INDArray x = input(c, type, 2);
        INDArray y = t.forward(x);
        ConvSpec s = t.spec();
        ReferenceConv.Counted ref = ReferenceConv.transposed(x, t.weight().value(),
                t.bias() == null ? null : t.bias().value(), s.stride(), s.padding(), s.outputPadding(), s.dilation(),
                s.groups());
        assertArrayEquals(ref.output().shape(), y.shape());
        assertArrayEquals(ref.output().shape(), t.outputShape(x.shape()));
        assertTrue(ConvOracle.maxAbsDiff(ref.output(), y) < (type == DataType.DOUBLE ? 1e-12 : 1e-5));
        assertEquals(ref.multiplications(), t.multiplications(x.shape()), "analytic == counted multiplications");
    }

    @ParameterizedTest
    @MethodSource("casesAndEngines")
    void gradientsMatchFiniteDifferences(int[] c, EngineChoice engine) {
        ConvTransposeLayer layer = build(c, DataType.DOUBLE);
        layer.setEngine(engine);
        GradientChecker.Result r = GradientChecker.check(layer, input(c, DataType.DOUBLE, 2));
        assertTrue(r.passed(1e-7), r::toString);
    }

    @ParameterizedTest
    @MethodSource("casesAndEngines")
    void backwardMatchesReferenceGradients(int[] c, EngineChoice engine) {
        ConvTransposeLayer t = build(c, DataType.DOUBLE);
        t.setEngine(engine);
        INDArray x = input(c, DataType.DOUBLE, 2);
        INDArray y = t.forward(x);
        INDArray dy = Init.uniform(8, DataType.DOUBLE, -1, 1, y.shape());
        INDArray dx = t.backward(dy);
        ConvSpec s = t.spec();
        int[] padEnd = new int[s.rank()];
        for (int a = 0; a < s.rank(); a++) {
            padEnd[a] = s.padding()[a] - s.outputPadding()[a];
        }
        // The transposed convolution is the adjoint of a convolution from y's shape to x's shape.
        INDArray expectedDx = ReferenceConv.crossCorrelation(dy, t.weight().value(), null, s.stride(), s.padding(),
                padEnd, s.dilation(), s.groups()).output();
        INDArray expectedDw = ReferenceConv.weightGradient(dy, t.weight().value().shape(), x, s.stride(), s.padding(),
                padEnd, s.dilation(), s.groups());
        assertTrue(ConvOracle.maxAbsDiff(expectedDx, dx) < 1e-12);
        assertTrue(ConvOracle.maxAbsDiff(expectedDw, t.weight().grad()) < 1e-12);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void transposedConvolutionIsTheTransposeOfTheConvolutionMatrix(int[] c) {
        ConvTransposeLayer t = build(c, DataType.DOUBLE);
        INDArray x = input(c, DataType.DOUBLE, 1);
        INDArray y = t.forward(x);
        ConvSpec s = t.spec();
        int[] padEnd = new int[s.rank()];
        for (int a = 0; a < s.rank(); a++) {
            padEnd[a] = s.padding()[a] - s.outputPadding()[a];
        }
        long[] large = Arrays.copyOfRange(y.shape(), 1, y.rank());
        INDArray cMatrix = ReferenceConv.matrix(large, t.weight().value(), s.stride(), s.padding(), padEnd,
                s.dilation(), s.groups());
        INDArray expected = cMatrix.transpose().mmul(x.reshape(x.length(), 1));
        INDArray withoutBias = t.bias() == null ? y
                : y.sub(t.bias().value().reshape(ConvEngineShapes.channelBroadcast(y.rank(), s.outChannels())));
        assertTrue(ConvOracle.maxAbsDiff(expected, withoutBias.reshape(y.length(), 1)) < 1e-12);
    }

    @Test
    void twoByTwoInputWithThreeByThreeKernelGivesFourByFourAtStrideOneAndFiveByFiveAtStrideTwo() {
        INDArray x = Init.uniform(1, DataType.DOUBLE, -1, 1, 1, 1, 2, 2);
        for (int stride : new int[] {1, 2}) {
            ConvTranspose2d t = ConvTranspose2d.builder(1, 1, 3).stride(stride).bias(false).dataType(DataType.DOUBLE)
                    .seed(2).build();
            INDArray y = t.forward(x);
            assertArrayEquals(new long[] {1, 1, stride == 1 ? 4 : 5, stride == 1 ? 4 : 5}, y.shape());
            // The canon's picture: insert stride-1 zeros between inputs, pad by k-1 = 2, then a
            // stride-1 Conv2d with the flipped kernel.
            int up = (2 - 1) * stride + 1;
            INDArray z = Nd4j.zeros(DataType.DOUBLE, 1, 1, up + 4, up + 4);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    z.putScalar(new long[] {0, 0, 2 + i * stride, 2 + j * stride}, x.getDouble(0, 0, i, j));
                }
            }
            Conv2d conv = Conv2d.builder(1, 1, 3).bias(false).dataType(DataType.DOUBLE).build();
            conv.weight().value().assign(ConvOracle.flip(t.weight().value()));
            assertTrue(ConvOracle.maxAbsDiff(conv.forward(z), y) < 1e-12);
        }
    }

    @ParameterizedTest
    @MethodSource("nativeCases")
    void convTranspose2dMatchesNativeDeconv2d(DataType type, int k, int stride, int pad) {
        ConvTranspose2d t = ConvTranspose2d.builder(3, 4, k).stride(stride).padding(pad).dataType(type).seed(4).build();
        INDArray x = Init.uniform(9, type, -1, 1, 2, 3, 5, 5);
        INDArray y = t.forward(x);
        // ND4J's deconv2d takes weights [kH, kW, oC, iC]; ours are [iC, oC, kH, kW].
        INDArray w = t.weight().value().permute(2, 3, 1, 0).dup('c');
        INDArray yNative = Nd4j.createUninitialized(type, y.shape());
        Nd4j.exec(DynamicCustomOp.builder("deconv2d").addInputs(x, w, t.bias().value()).addOutputs(yNative)
                .addIntegerArguments(k, k, stride, stride, pad, pad, 1, 1, 0, 0).build());
        assertTrue(ConvOracle.maxAbsDiff(yNative, y) < (type == DataType.DOUBLE ? 1e-10 : 1e-4));
    }

    static Stream<Arguments> nativeCases() {
        return Stream.of(DataType.FLOAT, DataType.DOUBLE).flatMap(t -> Stream.of(Arguments.of(t, 3, 1, 0),
                Arguments.of(t, 4, 2, 1), Arguments.of(t, 3, 2, 1), Arguments.of(t, 5, 3, 2)));
    }

    @Test
    void outputPaddingMustBeSmallerThanStrideOrDilation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvTranspose2d.builder(1, 1, 3).stride(2).outputPadding(2).build());
        assertTrue(e.getMessage().contains("output padding") && e.getMessage().contains("got [2, 2]"), e.getMessage());
        // Allowed: smaller than the dilation though not than the stride.
        ConvTranspose1d.builder(1, 1, 3).stride(1).dilation(2).outputPadding(1).build();
        assertThrows(IllegalArgumentException.class,
                () -> ConvTranspose1d.builder(1, 1, 3).paddingMode(PaddingMode.REFLECT).build());
        assertThrows(IllegalArgumentException.class, () -> ConvTranspose3d.builder(2, 3, 3).groups(2).build());
    }
}
