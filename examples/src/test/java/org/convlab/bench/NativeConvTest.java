package org.convlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convlab.engine.EngineChoice;
import org.convlab.nn.Init;
import org.convlab.nn.Layer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The benchmark's bare-op baselines compute the same convolution, forward and input gradient, as
 * the ConvLab layer they are timed against (on the lowered engine, the reference path).
 */
class NativeConvTest {

    @ParameterizedTest
    @EnumSource(BenchCase.class)
    void nativeBaselineComputesTheSameOutputAndInputGradient(BenchCase c) {
        Layer layer = c.layer(EngineChoice.LOWERED);
        INDArray x = Init.uniform(1, DataType.FLOAT, -1, 1, c.input);
        INDArray dy = Init.uniform(2, DataType.FLOAT, -1, 1, layer.outputShape(c.input));
        NativeConv nativeOp = NativeConv.of(c, layer, x, dy);
        INDArray expected = layer.forward(x);
        INDArray actual = nativeOp.forward();
        assertArrayEquals(expected.shape(), actual.shape());
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff < 1e-3, () -> c + ": output max abs diff " + diff);
        INDArray dx = layer.backward(dy);
        INDArray nativeDx = nativeOp.backward();
        assertArrayEquals(dx.shape(), nativeDx.shape());
        double dxDiff = dx.sub(nativeDx).amaxNumber().doubleValue();
        assertTrue(dxDiff < 1e-3, () -> c + ": input gradient max abs diff " + dxDiff);
    }
}
