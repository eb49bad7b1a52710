package org.convlab.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.convlab.nn.GradientChecker;
import org.convlab.nn.Init;
import org.convlab.nn.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Inputs and assertions shared by the layer tests. */
final class TestArrays {
    static final double GRADIENT_TOLERANCE = 1e-6;

    private TestArrays() {
    }

    /** DOUBLE values uniform in [-1, 1). */
    static INDArray uniform(long seed, long... shape) {
        return Init.uniform(seed, DataType.DOUBLE, -1, 1, shape);
    }

    /**
     * DOUBLE values all at least 0.01 apart and 0.005 away from 0, in random order: no ties for max
     * pooling and no ReLU kink within a finite-difference step.
     */
    static INDArray distinct(long seed, long... shape) {
        int n = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i - n / 2) * 0.01 + 0.005;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Nd4j.create(v, shape, 'c');
    }

    static double[] values(INDArray a) {
        return a.dup('c').data().asDouble();
    }

    static void assertValues(double[] expected, INDArray actual, double tolerance) {
        double[] got = values(actual);
        assertEquals(expected.length, got.length, "element count");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], tolerance, "element " + i + " of " + Arrays.toString(actual.shape()));
        }
    }

    /** Runs the gradient checker and fails with its per-array errors. */
    static void assertGradientsMatch(Layer layer, INDArray input) {
        GradientChecker.Result r = GradientChecker.check(layer, input);
        if (!r.passed(GRADIENT_TOLERANCE)) {
            throw new AssertionError(layer.name() + ": " + r);
        }
    }

    static long product(long[] shape, int from) {
        long n = 1;
        for (int i = from; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }
}
