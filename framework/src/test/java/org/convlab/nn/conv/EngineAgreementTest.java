package org.convlab.nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.convlab.engine.EngineChoice;
import org.convlab.engine.RunsOnEngine;
import org.convlab.nn.Init;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engines against each other: the same layer (same seed, same weights) on LOWERED, NATIVE and
 * AUTO gives the same output, input gradient and parameter gradients, within 1e-10 relative in
 * DOUBLE and 1e-5 in FLOAT — for every conv case of the other tests, so that AUTO and NATIVE are run
 * on dilation, odd paddings, padding modes, groups, batches of one, ranks 1 to 3 and both types
 * (a wrong capability check fails here with ND4J's error). Skipping the input gradient leaves the
 * parameter gradients bit-identical.
 */
class EngineAgreementTest {

    /** A layer maker: data type and engine in, a freshly built layer (same seed every time) out. */
    record Maker(String name, Function<DataType, Layer> make, long[] input) {
        Layer build(DataType type, EngineChoice engine) {
            Layer layer = make.apply(type);
            ((RunsOnEngine) layer).setEngine(engine);
            return layer;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Maker> makers() {
        Stream<Maker> convs = ConvLayerTest.cases().flatMap(c -> Stream.of(
                new Maker("conv " + c, t -> c.conv(t), c.input(DataType.DOUBLE, 0).shape()),
                new Maker("true conv " + c, t -> c.trueConv(t), c.input(DataType.DOUBLE, 0).shape())));
        Stream<Maker> transposed = ConvTransposeTest.cases().map(c -> new Maker("transposed "
                + java.util.Arrays.toString(c), t -> ConvTransposeTest.build(c, t),
                ConvTransposeTest.input(c, DataType.DOUBLE, 2).shape()));
        Stream<Maker> kinds = ConvTypesTest.allKinds().map(a -> {
            Object[] args = a.get();
            @SuppressWarnings("unchecked")
            Function<DataType, Layer> make = (Function<DataType, Layer>) args[1];
            return new Maker((String) args[0], make, (long[]) args[2]);
        });
        return Stream.concat(Stream.concat(convs, transposed), kinds);
    }

    static Stream<Arguments> makersAndTypes() {
        return makers().flatMap(m -> Stream.of(Arguments.of(m, DataType.DOUBLE), Arguments.of(m, DataType.FLOAT)));
    }

    private record Pass(INDArray y, INDArray dx, List<INDArray> grads) {
    }

    private static Pass run(Layer layer, DataType type, long[] input, boolean inputGradient) {
        layer.setInputGradientNeeded(inputGradient);
        INDArray x = Init.uniform(31, type, -1, 1, input);
        INDArray y = layer.forward(x);
        INDArray dy = Init.uniform(32, type, -1, 1, y.shape());
        INDArray dx = layer.backward(dy);
        List<INDArray> grads = new ArrayList<>();
        for (Parameter p : layer.parameters()) {
            grads.add(p.grad().dup());
        }
        return new Pass(y, dx, grads);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("makersAndTypes")
    void nativeAndAutoAgreeWithLoweredOnOutputAndEveryGradient(Maker m, DataType type) {
        double tol = type == DataType.DOUBLE ? 1e-10 : 1e-5;
        Pass ref = run(m.build(type, EngineChoice.LOWERED), type, m.input(), true);
        for (EngineChoice e : new EngineChoice[] {EngineChoice.NATIVE, EngineChoice.AUTO}) {
            Layer layer = m.build(type, e);
            String on = e + " (" + ((RunsOnEngine) layer).engineName(m.input()) + ")";
            Pass p = run(layer, type, m.input(), true);
            assertClose(ref.y(), p.y(), tol, on + " output");
            assertClose(ref.dx(), p.dx(), tol, on + " input gradient");
            for (int i = 0; i < ref.grads().size(); i++) {
                assertClose(ref.grads().get(i), p.grads().get(i), tol, on + " gradient of " + layer.parameters().get(i)
                        .name());
            }
        }
    }

    static Stream<Arguments> makersAndEngines() {
        return makers().flatMap(m -> Stream.of(EngineChoice.values()).map(e -> Arguments.of(m, e)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("makersAndEngines")
    void skippingTheInputGradientReturnsNullAndKeepsTheParameterGradientsBitIdentical(Maker m, EngineChoice e) {
        DataType type = DataType.FLOAT;
        Pass full = run(m.build(type, e), type, m.input(), true);
        Pass skipped = run(m.build(type, e), type, m.input(), false);
        assertNotNull(full.dx());
        assertNull(skipped.dx());
        for (int i = 0; i < full.grads().size(); i++) {
            assertArrayEquals(full.grads().get(i).data().asFloat(), skipped.grads().get(i).data().asFloat(), 0f,
                    "gradient " + i);
        }
    }

    @Test
    void autoRunsFloatConvolutionsNativelyAndFallsBackWhereTheOpsCannot() {
        long[] in = {2, 4, 9, 9};
        assertEquals("native conv2d", Conv2d.builder(4, 4, 3).padding(1).build().engineName(in));
        assertEquals("native conv2d x2 groups", Conv2d.builder(4, 4, 3).groups(2).build().engineName(in));
        assertEquals("native deconv2d", ConvTranspose2d.builder(4, 4, 4).stride(2).padding(1).build().engineName(in));
        // The oneDNN FLOAT conv2d fails on dilation: the kernel goes to it spread with zeros (k3 d2: 5x5,
        // 25/9 of the work); beyond 3x the work (k3 d3: 7x7) lowered, also when native is asked for.
        assertEquals("native conv2d (spread kernel)", Conv2d.builder(4, 4, 3).dilation(2).build().engineName(in));
        assertEquals("im2col+GEMM", Conv2d.builder(4, 4, 3).dilation(3).build().engineName(in));
        assertEquals("im2col+GEMM", Conv2d.builder(4, 4, 3).dilation(3).engine(EngineChoice.NATIVE).build()
                .engineName(in));
        assertEquals("native conv2d", Conv2d.builder(4, 4, 3).dilation(3).dataType(DataType.DOUBLE)
                .engine(EngineChoice.NATIVE).build().engineName(in));
        // "same" with an even kernel pads one more at the end: ND4J's ops pad symmetrically.
        assertEquals("im2col+GEMM", Conv2d.builder(4, 4, 2).padding("same").build().engineName(in));
        assertEquals("depthwise direct", DepthwiseConv2d.builder(4, 3).build().engineName(in));
        assertEquals("depthwise direct", DepthwiseConv2d.builder(4, 3).engine(EngineChoice.NATIVE).build()
                .engineName(in));
        // DOUBLE: ND4J's generic double kernels are far slower than lowering.
        assertEquals("im2col+GEMM", Conv2d.builder(4, 4, 3).dataType(DataType.DOUBLE).build().engineName(in));
        assertEquals("native conv2d", Conv2d.builder(4, 4, 3).dataType(DataType.DOUBLE).engine(EngineChoice.NATIVE)
                .build().engineName(in));
        assertEquals("im2col+GEMM", Conv2d.builder(4, 4, 3).engine(EngineChoice.LOWERED).build().engineName(in));
        assertEquals("pointwise GEMM", PointwiseConv2d.builder(4, 4).build().engineName(in));
        assertEquals("native conv2d", PointwiseConv2d.builder(4, 4).engine(EngineChoice.NATIVE).build().engineName(in));
        assertEquals("native conv3dnew", Conv3d.builder(4, 4, 3).build().engineName(2, 4, 5, 5, 5));
        assertEquals("native conv2d", Conv1d.builder(4, 4, 3).build().engineName(2, 4, 9));
    }

    @Test
    void theGlobalDefaultAppliesToLayersWithoutTheirOwnSetting() {
        EngineChoice before = EngineChoice.getDefault();
        try {
            Conv2d plain = Conv2d.builder(4, 4, 3).build();
            Conv2d own = Conv2d.builder(4, 4, 3).engine(EngineChoice.NATIVE).build();
            EngineChoice.setDefault(EngineChoice.LOWERED);
            assertEquals(EngineChoice.LOWERED, plain.engine());
            assertEquals("im2col+GEMM", plain.engineName(2, 4, 9, 9));
            assertEquals("native conv2d", own.engineName(2, 4, 9, 9));
            assertTrue(plain.toString().contains("engine=lowered"), plain::toString);
        } finally {
            EngineChoice.setDefault(before);
        }
    }

    @Test
    void trueConvolutionWeightGradientsAddUpOverCalls() {
        ConvLayer conv = ConvCase.of(2, 2, 3, 3).pad(1).trueConv(DataType.DOUBLE);
        INDArray x = Init.uniform(1, DataType.DOUBLE, -1, 1, 2, 2, 5, 5);
        INDArray dy = Init.uniform(2, DataType.DOUBLE, -1, 1, 2, 3, 5, 5);
        conv.forward(x);
        conv.backward(dy);
        INDArray once = conv.weight().grad().dup();
        conv.forward(x);
        conv.backward(dy);
        assertClose(once.mul(2), conv.weight().grad(), 1e-14, "two calls give twice the gradient");
    }

    static void assertClose(INDArray expected, INDArray actual, double relTol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double scale = Math.max(1e-30, expected.amaxNumber().doubleValue());
        double diff = ConvOracle.maxAbsDiff(expected, actual);
        assertTrue(diff <= relTol * scale, () -> what + ": max abs diff " + diff + " relative to " + scale);
    }
}
