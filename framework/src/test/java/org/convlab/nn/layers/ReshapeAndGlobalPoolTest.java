package org.convlab.nn.layers;

import static org.convlab.nn.layers.TestArrays.assertGradientsMatch;
import static org.convlab.nn.layers.TestArrays.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class ReshapeAndGlobalPoolTest {

    static Stream<long[]> spatialShapes() {
        return Stream.of(new long[] {2, 3, 5}, new long[] {2, 3, 2, 4}, new long[] {1, 2, 2, 3, 2});
    }

    @ParameterizedTest
    @MethodSource("spatialShapes")
    void globalAvgPoolIsThePlaneMean(long[] shape) {
        INDArray x = TestArrays.uniform(1, shape);
        double[] xs = TestArrays.values(x);
        int planes = (int) (shape[0] * shape[1]);
        int area = (int) TestArrays.product(shape, 2);
        double[] expected = new double[planes];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < area; i++) {
                expected[p] += xs[p * area + i] / area;
            }
        }
        INDArray y = new GlobalAvgPool().forward(x);
        assertArrayEquals(new long[] {shape[0], shape[1]}, y.shape());
        assertValues(expected, y, 1e-12);
    }

    @ParameterizedTest
    @MethodSource("spatialShapes")
    void globalAvgPoolGradientsMatchFiniteDifferences(long[] shape) {
        assertGradientsMatch(new GlobalAvgPool(), TestArrays.uniform(2, shape));
    }

    @ParameterizedTest
    @MethodSource("spatialShapes")
    void flattenKeepsTheBatchAndCOrder(long[] shape) {
        INDArray x = TestArrays.uniform(3, shape);
        INDArray y = new Flatten().forward(x);
        assertArrayEquals(new long[] {shape[0], TestArrays.product(shape, 1)}, y.shape());
        assertValues(TestArrays.values(x), y, 0);
    }

    @ParameterizedTest
    @MethodSource("spatialShapes")
    void flattenGradientsMatchFiniteDifferences(long[] shape) {
        assertGradientsMatch(new Flatten(), TestArrays.uniform(4, shape));
    }
}
