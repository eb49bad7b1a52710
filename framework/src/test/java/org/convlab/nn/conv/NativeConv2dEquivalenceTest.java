package org.convlab.nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.convlab.nn.Init;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** Conv2d against ND4J's own native conv2d and conv2d_bp ops, forward and backward. */
class NativeConv2dEquivalenceTest {

    static Stream<Arguments> cases() {
        return Stream.concat(Stream.of(DataType.FLOAT, DataType.DOUBLE).flatMap(t -> Stream.of(
                // in, out, k, stride, pad, dilation, size, batch
                Arguments.of(t, new int[] {3, 4, 3, 1, 1, 1, 7, 2}),
                Arguments.of(t, new int[] {2, 5, 3, 2, 0, 1, 9, 3}),
                Arguments.of(t, new int[] {8, 8, 5, 2, 2, 1, 12, 1}),
                Arguments.of(t, new int[] {16, 8, 3, 1, 1, 1, 40, 2}))),
                // The oneDNN build's FLOAT conv2d fails on dilation > 1 (ND4J-NOTES): only the
                // generic DOUBLE op can be the oracle there; ConvLayerTest checks FLOAT against ReferenceConv.
                Stream.of(Arguments.of(DataType.DOUBLE, new int[] {4, 3, 2, 1, 1, 2, 6, 2})));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void conv2dMatchesNativeForwardAndBackward(DataType type, int[] c) {
        int in = c[0], out = c[1], k = c[2], s = c[3], p = c[4], d = c[5], size = c[6], n = c[7];
        Conv2d conv = Conv2d.builder(in, out, k).stride(s).padding(p).dilation(d).dataType(type).seed(11).build();
        INDArray x = Init.uniform(21, type, -1, 1, n, in, size, size);
        INDArray y = conv.forward(x);
        INDArray dy = Init.uniform(22, type, -1, 1, y.shape());
        INDArray dx = conv.backward(dy);

        // Integer args: kH, kW, sH, sW, pH, pW, dH, dW, same, dataFormat (0 = NCHW), weightsFormat (1 = OIYX).
        int[] iargs = {k, k, s, s, p, p, d, d, 0, 0, 1};
        INDArray w = conv.weight().value();
        INDArray b = conv.bias().value();
        INDArray yNative = Nd4j.createUninitialized(type, y.shape());
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, w, b).addOutputs(yNative)
                .addIntegerArguments(iargs).build());
        INDArray dxNative = x.ulike();
        INDArray dwNative = w.ulike();
        INDArray dbNative = b.ulike();
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, b, dy)
                .addOutputs(dxNative, dwNative, dbNative).addIntegerArguments(iargs).build());

        double tol = type == DataType.DOUBLE ? 1e-10 : 2e-4;
        assertArrayEquals(yNative.shape(), y.shape());
        assertClose(yNative, y, tol, "output");
        assertClose(dxNative, dx, tol, "input gradient");
        assertClose(dwNative, conv.weight().grad(), tol, "weight gradient");
        assertClose(dbNative, conv.bias().grad(), tol, "bias gradient");
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        double diff = ConvOracle.maxAbsDiff(expected, actual);
        assertTrue(diff <= tol * scale, () -> what + ": max abs diff " + diff + " (scale " + scale + ")");
    }
}
