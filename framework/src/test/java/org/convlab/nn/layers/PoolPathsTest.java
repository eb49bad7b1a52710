package org.convlab.nn.layers;

import static org.convlab.nn.layers.TestArrays.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convlab.nn.Layer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The FLOAT kernels of the pooling layers (the training path) against the slow reference of
 * {@link PoolTest} and against the DOUBLE kernels, whose gradients {@link PoolTest} checks by finite
 * differences; every rank and setting of {@link PoolTest#configs()}.
 */
class PoolPathsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.convlab.nn.layers.PoolTest#configs")
    void floatMaxPoolMatchesTheReferenceAndTheDoubleBackward(PoolTest.Config cfg) {
        checkFloatAgainstDouble(cfg, cfg.max(), cfg.max(), true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.convlab.nn.layers.PoolTest#configs")
    void floatAvgPoolMatchesTheReferenceAndTheDoubleBackward(PoolTest.Config cfg) {
        checkFloatAgainstDouble(cfg, cfg.avg(), cfg.avg(), false);
    }

    private static void checkFloatAgainstDouble(PoolTest.Config cfg, Layer floatLayer, Layer doubleLayer, boolean max) {
        // distinct values: the float and double argmax agree (no near-ties lost to rounding)
        INDArray xd = TestArrays.distinct(21, cfg.inputShape());
        INDArray xf = xd.castTo(DataType.FLOAT);
        INDArray yf = floatLayer.forward(xf);
        assertEquals(DataType.FLOAT, yf.dataType());
        // the reference on the float values, so only the kernel's own rounding remains
        assertValues(PoolTest.referencePool(TestArrays.values(xf), cfg, max), yf, 1e-6);
        INDArray yd = doubleLayer.forward(xd);
        INDArray gd = TestArrays.uniform(22, yd.shape());
        INDArray dxf = floatLayer.backward(gd.castTo(DataType.FLOAT));
        INDArray dxd = doubleLayer.backward(gd);
        assertEquals(DataType.FLOAT, dxf.dataType());
        assertValues(TestArrays.values(dxd), dxf, 1e-6);
    }

    @Test
    void floatMaxPoolPropagatesNaN() {
        INDArray x = Nd4j.create(new float[] {1, Float.NaN, 3, 2}, new long[] {1, 1, 2, 2}, 'c');
        INDArray y = new MaxPool2d(2).forward(x);
        assertTrue(Float.isNaN(y.getFloat(0)), "a NaN in the window must reach the output, got " + y);
    }

    @Test
    void floatGlobalAvgPoolMatchesTheDoublePath() {
        INDArray xd = TestArrays.uniform(23, 3, 4, 5, 6);
        GlobalAvgPool pf = new GlobalAvgPool();
        GlobalAvgPool pd = new GlobalAvgPool();
        INDArray yf = pf.forward(xd.castTo(DataType.FLOAT));
        INDArray yd = pd.forward(xd);
        assertValues(TestArrays.values(xd.mean(2, 3)), yd, 1e-12);
        assertValues(TestArrays.values(yd), yf, 1e-6);
        INDArray g = TestArrays.uniform(24, 3, 4);
        assertValues(TestArrays.values(pd.backward(g)), pf.backward(g.castTo(DataType.FLOAT)), 1e-6);
    }
}
