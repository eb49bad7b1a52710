package org.convlab.nn.layers;

import static org.convlab.nn.layers.TestArrays.assertGradientsMatch;
import static org.convlab.nn.layers.TestArrays.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchNormTest {
    private static final double EPS = 1e-5;
    private static final double MOMENTUM = 0.1;

    private static BatchNorm layerFor(long[] shape, DataType type) {
        int c = (int) shape[1];
        return switch (shape.length) {
            case 2, 3 -> new BatchNorm1d(c, type);
            case 4 -> new BatchNorm2d(c, type);
            default -> new BatchNorm3d(c, type);
        };
    }

    static Stream<long[]> shapes() {
        return Stream.of(new long[] {5, 3}, new long[] {2, 3, 4}, new long[] {2, 2, 3, 3}, new long[] {2, 2, 2, 2, 3});
    }

    static Stream<Arguments> shapesAndModes() {
        return shapes().flatMap(s -> Stream.of(Arguments.of(s, true), Arguments.of(s, false)));
    }

    /** A DOUBLE layer with non-trivial gamma, beta and running statistics, so every term is exercised. */
    private static BatchNorm randomised(long[] shape) {
        BatchNorm bn = layerFor(shape, DataType.DOUBLE);
        int c = (int) shape[1];
        bn.parameters().get(0).value().assign(TestArrays.uniform(7, c).add(1.5));
        bn.parameters().get(1).value().assign(TestArrays.uniform(8, c));
        bn.buffers().get("running_mean").assign(TestArrays.uniform(9, c));
        bn.buffers().get("running_var").assign(TestArrays.uniform(10, c).add(1.2));
        return bn;
    }

    @ParameterizedTest(name = "{0} training={1}")
    @MethodSource("shapesAndModes")
    void gradientsMatchFiniteDifferences(long[] shape, boolean training) {
        BatchNorm bn = randomised(shape);
        bn.setTraining(training);
        assertGradientsMatch(bn, TestArrays.uniform(11, shape).mul(2).add(0.3));
    }

    /** Per-channel statistics of x laid out as [N, C, area], computed one channel at a time. */
    private static double[][] meanAndVariances(double[] x, long[] shape) {
        int n = (int) shape[0];
        int c = (int) shape[1];
        int area = (int) TestArrays.product(shape, 2);
        double[] mean = new double[c];
        double[] biased = new double[c];
        double[] unbiased = new double[c];
        int m = n * area;
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int b = 0; b < n; b++) {
                for (int s = 0; s < area; s++) {
                    sum += x[(b * c + ch) * area + s];
                }
            }
            mean[ch] = sum / m;
            double sq = 0;
            for (int b = 0; b < n; b++) {
                for (int s = 0; s < area; s++) {
                    double d = x[(b * c + ch) * area + s] - mean[ch];
                    sq += d * d;
                }
            }
            biased[ch] = sq / m;
            unbiased[ch] = sq / (m - 1);
        }
        return new double[][] {mean, biased, unbiased};
    }

    private static double[] normalise(double[] x, long[] shape, double[] mean, double[] var, double[] gamma, double[] beta) {
        int c = (int) shape[1];
        int area = (int) TestArrays.product(shape, 2);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int ch = (i / area) % c;
            y[i] = gamma[ch] * (x[i] - mean[ch]) / Math.sqrt(var[ch] + EPS) + beta[ch];
        }
        return y;
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void trainingStepNormalisesWithBatchStatisticsAndUpdatesRunningOnes(long[] shape) {
        BatchNorm bn = randomised(shape);
        double[] gamma = TestArrays.values(bn.parameters().get(0).value());
        double[] beta = TestArrays.values(bn.parameters().get(1).value());
        double[] rm = TestArrays.values(bn.buffers().get("running_mean"));
        double[] rv = TestArrays.values(bn.buffers().get("running_var"));
        INDArray x = TestArrays.uniform(12, shape).mul(3).add(1);
        double[] xs = TestArrays.values(x);
        double[][] stats = meanAndVariances(xs, shape);

        INDArray y = bn.forward(x);

        assertValues(normalise(xs, shape, stats[0], stats[1], gamma, beta), y, 1e-12);
        double[] expectedMean = new double[rm.length];
        double[] expectedVar = new double[rv.length];
        for (int ch = 0; ch < rm.length; ch++) {
            expectedMean[ch] = (1 - MOMENTUM) * rm[ch] + MOMENTUM * stats[0][ch];
            expectedVar[ch] = (1 - MOMENTUM) * rv[ch] + MOMENTUM * stats[2][ch];
        }
        assertValues(expectedMean, bn.buffers().get("running_mean"), 1e-12);
        assertValues(expectedVar, bn.buffers().get("running_var"), 1e-12);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void evaluationUsesRestoredRunningStatistics(long[] shape) {
        BatchNorm bn = randomised(shape);
        int c = (int) shape[1];
        // A checkpoint assigns into the live buffers.
        double[] mean = TestArrays.values(TestArrays.uniform(20, c));
        double[] var = TestArrays.values(TestArrays.uniform(21, c).add(2));
        bn.buffers().get("running_mean").assign(TestArrays.uniform(20, c));
        bn.buffers().get("running_var").assign(TestArrays.uniform(21, c).add(2));
        bn.setTraining(false);
        INDArray x = TestArrays.uniform(22, shape);
        INDArray y = bn.forward(x);
        assertValues(normalise(TestArrays.values(x), shape, mean, var,
                TestArrays.values(bn.parameters().get(0).value()), TestArrays.values(bn.parameters().get(1).value())), y, 1e-12);
        assertValues(mean, bn.buffers().get("running_mean"), 0); // evaluation leaves them alone
    }

    @Test
    void defaultsArePyTorchs() {
        BatchNorm2d bn = new BatchNorm2d(4);
        assertEquals(List.of("weight", "bias"), bn.parameters().stream().map(p -> p.name()).toList());
        assertValues(new double[] {1, 1, 1, 1}, bn.parameters().get(0).value(), 0);
        assertValues(new double[] {0, 0, 0, 0}, bn.parameters().get(1).value(), 0);
        assertValues(new double[] {0, 0, 0, 0}, bn.buffers().get("running_mean"), 0);
        assertValues(new double[] {1, 1, 1, 1}, bn.buffers().get("running_var"), 0);
        assertEquals(List.of("running_mean", "running_var"), List.copyOf(bn.buffers().keySet()));
        assertEquals(DataType.FLOAT, bn.parameters().get(0).value().dataType());
        assertTrue(bn.isTraining());
    }

    @Test
    void buffersAreTheLiveArrays() {
        BatchNorm1d bn = new BatchNorm1d(2, DataType.DOUBLE);
        INDArray before = bn.buffers().get("running_mean");
        bn.forward(TestArrays.uniform(1, 4, 2));
        assertSame(before, bn.buffers().get("running_mean"));
    }

    @Test
    void trainingOnOneValuePerChannelIsRejected() {
        BatchNorm1d bn = new BatchNorm1d(3, DataType.DOUBLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.forward(TestArrays.uniform(1, 1, 3)));
        assertTrue(e.getMessage().contains("BatchNorm1d") && e.getMessage().contains("[1, 3]"), e.getMessage());
        bn.setTraining(false);
        bn.forward(TestArrays.uniform(1, 1, 3)); // fine in evaluation
    }
}
