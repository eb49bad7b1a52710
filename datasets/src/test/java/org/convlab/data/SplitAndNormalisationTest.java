package org.convlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SplitAndNormalisationTest {
    private static final int N = 200;
    private static final int C = 3;
    private static final int HW = 16;

    /** Channel c of example i holds values around 10 * c + i / 10, so every subset has other statistics. */
    private static double[] values() {
        SplittableRandom rng = new SplittableRandom(4);
        double[] v = new double[N * C * HW];
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < C; c++) {
                for (int k = 0; k < HW; k++) {
                    v[(i * C + c) * HW + k] = 10 * c + i / 10.0 + (c + 1) * rng.nextGaussian();
                }
            }
        }
        return v;
    }

    private static DataSet data(double[] v) {
        int[] labels = new int[N];
        return DataSet.ofLabels(Nd4j.create(v, new long[] {N, C, 4, 4}, 'c'), labels, 1);
    }

    @Test
    void splitIsSeededDisjointAndComplete() {
        DataSet d = data(values());
        Split a = d.split(0.25, 11);
        Split b = d.split(0.25, 11);
        Split other = d.split(0.25, 12);
        assertEquals(50, a.validation().size());
        assertEquals(150, a.train().size());
        assertArrayEquals(a.validationIndices(), b.validationIndices());
        assertFalse(Arrays.equals(a.validationIndices(), other.validationIndices()));
        boolean[] seen = new boolean[N];
        for (int i : a.trainIndices()) {
            seen[i] = true;
        }
        for (int i : a.validationIndices()) {
            assertFalse(seen[i], "index " + i + " in both parts");
            seen[i] = true;
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    @Test
    void statisticsComeFromTheTrainingPartOnly() {
        double[] v = values();
        DataSet d = data(v);
        Split s = d.split(0.3, 2);
        ChannelNormalizer norm = ChannelNormalizer.fit(s.train());

        double[][] trainStats = bruteForceStats(v, s.trainIndices());
        double[][] allStats = bruteForceStats(v, range(N));
        for (int c = 0; c < C; c++) {
            assertEquals(trainStats[0][c], norm.mean()[c], 1e-9, "mean of channel " + c);
            assertEquals(trainStats[1][c], norm.std()[c], 1e-9, "std of channel " + c);
            assertTrue(Math.abs(allStats[0][c] - norm.mean()[c]) > 1e-3,
                "the statistics must differ from those of the whole set, or the test proves nothing");
        }

        // Applied to the training part it standardises; the validation part gets the same transform.
        INDArray t = norm.apply(s.train()).features();
        double[][] after = bruteForceStats(t.data().asDouble(), range(s.train().size()));
        for (int c = 0; c < C; c++) {
            assertEquals(0, after[0][c], 1e-9);
            assertEquals(1, after[1][c], 1e-9);
        }
        INDArray val = norm.apply(s.validation()).features();
        double raw = s.validation().features().getDouble(0, 1, 2, 3);
        assertEquals((raw - norm.mean()[1]) / norm.std()[1], val.getDouble(0, 1, 2, 3), 1e-9);
    }

    @Test
    void applyKeepsTheFloatType() {
        DataSet d = DataSet.ofLabels(Nd4j.rand(DataType.FLOAT, 10, 2, 3, 3), new int[10], 1);
        assertEquals(DataType.FLOAT, ChannelNormalizer.fit(d).apply(d).features().dataType());
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }

    /** Mean and population std per channel over the given examples, by plain loops. */
    private static double[][] bruteForceStats(double[] v, int[] examples) {
        double[][] out = new double[2][C];
        for (int c = 0; c < C; c++) {
            double sum = 0;
            for (int i : examples) {
                for (int k = 0; k < HW; k++) {
                    sum += v[(i * C + c) * HW + k];
                }
            }
            double mean = sum / (examples.length * HW);
            double sq = 0;
            for (int i : examples) {
                for (int k = 0; k < HW; k++) {
                    double dlt = v[(i * C + c) * HW + k] - mean;
                    sq += dlt * dlt;
                }
            }
            out[0][c] = mean;
            out[1][c] = Math.sqrt(sq / (examples.length * HW));
        }
        return out;
    }
}
