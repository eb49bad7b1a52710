package org.convlab.nn.layers;

import static org.convlab.nn.layers.TestArrays.assertGradientsMatch;
import static org.convlab.nn.layers.TestArrays.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class LinearTest {

    static Stream<Arguments> sizes() {
        return Stream.of(
                Arguments.of(1, 1, 1, true),
                Arguments.of(3, 4, 2, true),
                Arguments.of(3, 4, 2, false),
                Arguments.of(5, 2, 7, true),
                Arguments.of(2, 6, 3, false));
    }

    private static Linear doubleLinear(int in, int out, boolean bias) {
        return Linear.builder(in, out).bias(bias).dataType(DataType.DOUBLE).seed(11).build();
    }

    @ParameterizedTest(name = "N={0} in={1} out={2} bias={3}")
    @MethodSource("sizes")
    void gradientsMatchFiniteDifferences(int n, int in, int out, boolean bias) {
        Linear fc = doubleLinear(in, out, bias);
        assertEquals(bias ? 2 : 1, fc.parameters().size());
        assertGradientsMatch(fc, TestArrays.uniform(3, n, in));
    }

    @ParameterizedTest(name = "N={0} in={1} out={2} bias={3}")
    @MethodSource("sizes")
    void forwardMatchesLoopReference(int n, int in, int out, boolean bias) {
        Linear fc = doubleLinear(in, out, bias);
        INDArray x = TestArrays.uniform(4, n, in);
        double[] xs = TestArrays.values(x);
        double[] w = TestArrays.values(fc.weight().value());
        double[] b = bias ? TestArrays.values(fc.bias().value()) : new double[out];
        double[] expected = new double[n * out];
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < out; o++) {
                double acc = b[o];
                for (int i = 0; i < in; i++) {
                    acc += xs[s * in + i] * w[o * in + i];
                }
                expected[s * out + o] = acc;
            }
        }
        INDArray y = fc.forward(x);
        assertArrayEquals(new long[] {n, out}, y.shape());
        assertValues(expected, y, 1e-12);
    }

    @Test
    void initialisationIsPyTorchKaimingUniformAndSeeded() {
        int in = 50;
        Linear fc = Linear.builder(in, 40).seed(3).build();
        double bound = 1 / Math.sqrt(in);
        double[] w = TestArrays.values(fc.weight().value());
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : w) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min >= -bound && max <= bound, "weights within +-1/sqrt(in)");
        assertTrue(min < -0.9 * bound && max > 0.9 * bound, "weights spread over the whole range");
        for (double v : TestArrays.values(fc.bias().value())) {
            assertTrue(Math.abs(v) <= bound, "bias within +-1/sqrt(in)");
        }
        assertArrayEquals(w, TestArrays.values(Linear.builder(in, 40).seed(3).build().weight().value()));
        assertFalse(java.util.Arrays.equals(w, TestArrays.values(Linear.builder(in, 40).seed(4).build().weight().value())));
        assertEquals(DataType.FLOAT, fc.weight().value().dataType());
        assertArrayEquals(new long[] {40, in}, fc.weight().value().shape());
        assertArrayEquals(new long[] {40}, fc.bias().value().shape());
    }

    @Test
    void withoutBiasHasOnlyWeight() {
        Linear fc = Linear.builder(3, 2).bias(false).build();
        assertNull(fc.bias());
        assertEquals("weight", fc.parameters().get(0).name());
        assertEquals(1, fc.parameters().size());
    }

    @Test
    void backwardAddsIntoGradients() {
        Linear fc = doubleLinear(3, 2, true);
        INDArray x = TestArrays.uniform(5, 4, 3);
        INDArray g = TestArrays.uniform(6, 4, 2);
        fc.forward(x);
        fc.backward(g);
        double[] once = TestArrays.values(fc.weight().grad());
        double[] onceBias = TestArrays.values(fc.bias().grad());
        fc.forward(x);
        fc.backward(g);
        for (int i = 0; i < once.length; i++) {
            once[i] *= 2;
        }
        for (int i = 0; i < onceBias.length; i++) {
            onceBias[i] *= 2;
        }
        assertValues(once, fc.weight().grad(), 1e-12);
        assertValues(onceBias, fc.bias().grad(), 1e-12);
    }

    @Test
    void costIsBatchTimesInTimesOut() {
        assertEquals(8L * 30 * 20, new Linear(30, 20).multiplications(8, 30));
    }

    @Test
    void floatLayerComputesInFloat() {
        Linear fc = new Linear(3, 2);
        INDArray y = fc.forward(TestArrays.uniform(1, 2, 3).castTo(DataType.FLOAT));
        assertEquals(DataType.FLOAT, y.dataType());
    }
}
