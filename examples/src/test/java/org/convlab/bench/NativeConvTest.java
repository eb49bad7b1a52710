package org.convlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convlab.nn.GradMode;
import org.convlab.nn.Init;
import org.convlab.nn.Layer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The benchmark's native baselines compute the same convolution as the ConvLab layer they are timed against. */
class NativeConvTest {

    @ParameterizedTest
    @EnumSource(BenchCase.class)
    void nativeBaselineComputesTheSameOutput(BenchCase c) {
        Layer layer = c.layer();
        INDArray x = Init.uniform(1, DataType.FLOAT, -1, 1, c.input);
        INDArray dy = Init.uniform(2, DataType.FLOAT, -1, 1, layer.outputShape(c.input));
        NativeConv nativeOp = NativeConv.of(c, layer, x, dy);
        INDArray expected;
        try (GradMode.Scope ignored = GradMode.disabled()) {
            expected = layer.forward(x);
        }
        INDArray actual = nativeOp.forward();
        assertArrayEquals(expected.shape(), actual.shape());
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff < 1e-3, () -> c + ": max abs diff " + diff);
        assertArrayEquals(x.shape(), nativeOp.backward().shape());
    }
}
