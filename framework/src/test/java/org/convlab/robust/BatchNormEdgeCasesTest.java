package org.convlab.robust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.convlab.nn.layers.BatchNorm1d;
import org.convlab.nn.layers.BatchNorm2d;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BatchNorm where the batch statistics degenerate: one value per channel (no variance to estimate)
 * is a clear error in training and defined in evaluation; a channel whose values are all equal has a
 * batch variance of exactly 0, and eps keeps the result defined: that channel's output is its bias,
 * its input gradient {@code gamma (g - mean(g)) / sqrt(eps)}, and nothing is NaN.
 */
class BatchNormEdgeCasesTest {
    @Test
    void oneSampleWithOneValuePerChannelIsAClearErrorInTrainingAndDefinedInEvaluation() {
        BatchNorm1d bn = new BatchNorm1d(3);
        INDArray one = Nd4j.createFromArray(new float[][] {{1f, 2f, 3f}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.forward(one));
        assertTrue(e.getMessage().contains("more than one value per channel") && e.getMessage().contains("[1, 3]"),
                e.getMessage());
        bn.setTraining(false);
        INDArray y = bn.forward(one);
        // Running statistics of a fresh layer: mean 0, variance 1: y = x / sqrt(1 + eps).
        assertArrayEquals(new float[] {1f, 2f, 3f}, y.data().asFloat(), 1e-4f);
        assertAllFinite(bn.backward(Nd4j.onesLike(y)));
    }

    @Test
    void oneSampleWithSeveralValuesPerChannelIsDefinedInTraining() {
        BatchNorm2d bn = new BatchNorm2d(2);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 2, 3, 3);
        INDArray y = bn.forward(x);
        assertAllFinite(y);
        assertAllFinite(bn.backward(Nd4j.rand(DataType.FLOAT, 1, 2, 3, 3)));
        // Normalised per channel over its 9 values: mean 0.
        assertEquals(0, y.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(1))
                .meanNumber().doubleValue(), 1e-6);
    }

    @Test
    void aConstantChannelGivesItsBiasAndADefinedGradientNeverNaN() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            BatchNorm2d bn = new BatchNorm2d(2, type);
            bn.parameters().get(1).value().assign(Nd4j.createFromArray(0.5, -2.0).castTo(type)); // the biases
            INDArray x = Nd4j.rand(type, 4, 2, 3, 3);
            x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0)).assign(7.25);
            INDArray y = bn.forward(x);
            assertAllFinite(y);
            double[] channel0 = y.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                    .dup('c').data().asDouble();
            assertTrue(Arrays.stream(channel0).allMatch(v -> v == 0.5), type + ": the constant channel's output is its bias");
            INDArray g = Nd4j.rand(type, 4, 2, 3, 3);
            INDArray dx = bn.backward(g);
            assertAllFinite(dx);
            // With a variance of 0 (whose derivative is 0 there too), dx = gamma (g - mean(g)) / sqrt(eps).
            double[] g0 = g.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                    .dup('c').data().asDouble();
            double mean = Arrays.stream(g0).average().orElseThrow();
            double[] d0 = dx.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                    .dup('c').data().asDouble();
            for (int i = 0; i < d0.length; i++) {
                double expected = (g0[i] - mean) / Math.sqrt(BatchNorm2d.DEFAULT_EPS);
                assertEquals(expected, d0[i], 1e-4 * Math.abs(expected) + 1e-3, type + " dx " + i);
            }
            assertAllFinite(bn.parameters().get(0).grad());
            assertAllFinite(bn.buffers().get("running_var"));
        }
    }

    private static void assertAllFinite(INDArray a) {
        double[] v = a.dup('c').data().asDouble();
        for (int i = 0; i < v.length; i++) {
            assertTrue(Double.isFinite(v[i]), "value " + i + " is " + v[i] + " in " + Arrays.toString(a.shape()));
        }
    }
}
