package org.convlab.nn.layers;

import static org.convlab.nn.layers.TestArrays.assertGradientsMatch;
import static org.convlab.nn.layers.TestArrays.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ElementWiseTest {

    static Stream<Arguments> activations() {
        return Stream.of(
                Arguments.of("ReLU", (Supplier<ElementWise>) ReLU::new, (DoubleUnaryOperator) x -> x > 0 ? x : 0),
                Arguments.of("LeakyReLU(0.2)", (Supplier<ElementWise>) () -> new LeakyReLU(0.2),
                        (DoubleUnaryOperator) x -> x > 0 ? x : 0.2 * x),
                Arguments.of("Sigmoid", (Supplier<ElementWise>) Sigmoid::new,
                        (DoubleUnaryOperator) x -> 1 / (1 + Math.exp(-x))),
                Arguments.of("Tanh", (Supplier<ElementWise>) Tanh::new,
                        (DoubleUnaryOperator) x -> (Math.exp(x) - Math.exp(-x)) / (Math.exp(x) + Math.exp(-x))));
    }

    static Stream<long[]> shapes() {
        return Stream.of(new long[] {7}, new long[] {3, 4}, new long[] {2, 3, 2, 2});
    }

    static Stream<Arguments> activationsAndShapes() {
        return activations().flatMap(a -> shapes().map(s -> Arguments.of(a.get()[0], a.get()[1], s)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void forwardMatchesFormula(String name, Supplier<ElementWise> layer, DoubleUnaryOperator f) {
        INDArray x = TestArrays.uniform(1, 4, 5).mul(6); // [-6, 6): both tails of sigmoid and tanh
        double[] xs = TestArrays.values(x);
        double[] expected = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            expected[i] = f.applyAsDouble(xs[i]);
        }
        assertValues(expected, layer.get().forward(x), 1e-12);
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("activationsAndShapes")
    void gradientsMatchFiniteDifferences(String name, Supplier<ElementWise> layer, long[] shape) {
        assertGradientsMatch(layer.get(), TestArrays.distinct(2, shape).mul(3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void computesInTheInputType(String name, Supplier<ElementWise> layer, DoubleUnaryOperator f) {
        ElementWise a = layer.get();
        INDArray y = a.forward(TestArrays.uniform(3, 2, 3).castTo(DataType.FLOAT));
        assertEquals(DataType.FLOAT, y.dataType());
        assertEquals(DataType.FLOAT, a.backward(Nd4j.ones(DataType.FLOAT, 2, 3)).dataType());
    }

    @Test
    void sigmoidDoesNotOverflowForLargeInputs() {
        INDArray y = new Sigmoid().forward(Nd4j.create(new double[] {-1000, 1000}, new long[] {2}, 'c'));
        assertValues(new double[] {0, 1}, y, 0);
    }

    @Test
    void reluGradientAtZeroIsZero() {
        ReLU relu = new ReLU();
        relu.forward(Nd4j.create(new double[] {0, 1}, new long[] {2}, 'c'));
        assertValues(new double[] {0, 1}, relu.backward(Nd4j.ones(DataType.DOUBLE, 2)), 0);
    }
}
