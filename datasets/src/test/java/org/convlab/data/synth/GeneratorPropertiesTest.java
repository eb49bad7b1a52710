package org.convlab.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convlab.data.DataSet;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class GeneratorPropertiesTest {
    @Test
    void smoothSignalsAreStandardisedAndMoreCorrelatedThanWhiteNoise() {
        INDArray smooth = RandomSignals.smooth(1, 4, 2, 400, 4.0, DataType.DOUBLE);
        INDArray white = RandomSignals.whiteNoise(1, 4, 2, 400, DataType.DOUBLE);
        assertArrayEquals(new long[] {4, 2, 400}, smooth.shape());
        double[] s = smooth.data().asDouble();
        double[] w = white.data().asDouble();
        for (int series = 0; series < 8; series++) {
            double mean = 0;
            double sq = 0;
            for (int k = 0; k < 400; k++) {
                mean += s[series * 400 + k] / 400;
            }
            for (int k = 0; k < 400; k++) {
                sq += Math.pow(s[series * 400 + k] - mean, 2) / 400;
            }
            assertEquals(0, mean, 1e-9);
            assertEquals(1, Math.sqrt(sq), 1e-9);
            assertTrue(lag1(s, series * 400, 400) > 0.9, "smooth lag-1 correlation");
            assertTrue(Math.abs(lag1(w, series * 400, 400)) < 0.2, "white lag-1 correlation");
        }
    }

    @Test
    void smoothImagesHaveTheRequestedShapeAndNeighbourCorrelation() {
        INDArray x = RandomImages.smoothField(2, 2, 3, 24, 20, 2.0, DataType.DOUBLE);
        assertArrayEquals(new long[] {2, 3, 24, 20}, x.shape());
        double[] v = x.data().asDouble();
        // Along a row inside plane 0.
        assertTrue(lag1(v, 5 * 20, 20) > 0.7);
        assertEquals(DataType.FLOAT, RandomImages.whiteNoise(2, 1, 1, 4, 4).dataType());
    }

    @Test
    void asymmetricKernelsDifferFromTheirFlipOnEveryAxis() {
        INDArray g = RandomKernels.asymmetric(5, DataType.DOUBLE, 6, 3, 3, 2);
        assertArrayEquals(new long[] {6, 3, 3, 2}, g.shape());
        for (int o = 0; o < 6; o++) {
            for (int i = 0; i < 3; i++) {
                double diff = 0;
                double norm = 0;
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 2; x++) {
                        double a = g.getDouble(o, i, y, x);
                        double flipped = g.getDouble(o, i, 2 - y, 1 - x);
                        diff += (a - flipped) * (a - flipped);
                        norm += a * a;
                    }
                }
                assertTrue(Math.sqrt(diff / norm) >= RandomKernels.MIN_ASYMMETRY, "slice " + o + "," + i);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> RandomKernels.asymmetric(1, DataType.FLOAT, 2, 2, 1, 1));
    }

    @Test
    void lowResolutionIsTheMeanOfEachTwoByTwoBlock() {
        INDArray high = RandomImages.whiteNoise(3, 2, 2, 6, 8, DataType.DOUBLE);
        DataSet pairs = SuperResolutionPairs.of(high);
        INDArray low = pairs.features();
        assertArrayEquals(new long[] {2, 2, 3, 4}, low.shape());
        assertArrayEquals(new long[] {2, 2, 6, 8}, pairs.targets().shape());
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                double expected = (high.getDouble(1, 1, 2 * y, 2 * x) + high.getDouble(1, 1, 2 * y, 2 * x + 1)
                    + high.getDouble(1, 1, 2 * y + 1, 2 * x) + high.getDouble(1, 1, 2 * y + 1, 2 * x + 1)) / 4;
                assertEquals(expected, low.getDouble(1, 1, y, x), 1e-12);
            }
        }
        assertThrows(IllegalArgumentException.class,
            () -> SuperResolutionPairs.of(RandomImages.whiteNoise(1, 1, 1, 5, 4)));
    }

    @Test
    void fashionMnistPairsAreFourteenToTwentyEight() {
        DataSet pairs = SuperResolutionPairs.fashionMnist(16);
        assertArrayEquals(new long[] {16, 1, 14, 14}, pairs.features().shape());
        assertArrayEquals(new long[] {16, 1, 28, 28}, pairs.targets().shape());
    }

    @Test
    void colouredShapesAreBalancedInRangeAndColourCarriesTheColourClass() {
        DataSet d = ColouredShapes.builder().size(32).count(200).seed(9).build().generate();
        assertArrayEquals(new long[] {200, 3, 32, 32}, d.features().shape());
        int[] labels = d.labels();
        int[] counts = new int[4];
        double[] v = d.features().data().asDouble();
        double warmRedness = 0;
        double coolRedness = 0;
        int plane = 32 * 32;
        for (int i = 0; i < 200; i++) {
            counts[labels[i]]++;
            double redMinusBlue = 0;
            for (int k = 0; k < plane; k++) {
                redMinusBlue += v[(i * 3) * plane + k] - v[(i * 3 + 2) * plane + k];
            }
            if (ColouredShapes.colourOf(labels[i]) == 0) {
                warmRedness += redMinusBlue / 100;
            } else {
                coolRedness += redMinusBlue / 100;
            }
        }
        assertArrayEquals(new int[] {50, 50, 50, 50}, counts);
        assertTrue(warmRedness > 0 && coolRedness < 0, "warm " + warmRedness + ", cool " + coolRedness);
        for (double x : v) {
            assertTrue(x >= 0 && x <= 1);
        }
    }

    @Test
    void noiselessBarsAreConstantAlongTheirDirection() {
        DataSet d = BarImages.generate(4, 20, 10, 12, 0.0, DataType.DOUBLE);
        INDArray x = d.features();
        int[] labels = d.labels();
        int vertical = 0;
        for (int i = 0; i < 20; i++) {
            boolean isVertical = labels[i] == BarImages.VERTICAL;
            vertical += isVertical ? 1 : 0;
            double ink = 0;
            for (int y = 0; y < 10; y++) {
                for (int c = 0; c < 12; c++) {
                    double p = x.getDouble(i, 0, y, c);
                    ink += p;
                    double neighbour = isVertical ? x.getDouble(i, 0, (y + 1) % 10, c) : x.getDouble(i, 0, y, (c + 1) % 12);
                    assertEquals(neighbour, p, 0.0, "image " + i);
                }
            }
            assertTrue(ink > 0, "image " + i + " has no bar");
        }
        assertEquals(10, vertical);
    }

    private static double lag1(double[] v, int offset, int n) {
        double mean = 0;
        for (int k = 0; k < n; k++) {
            mean += v[offset + k] / n;
        }
        double num = 0;
        double den = 0;
        for (int k = 0; k < n; k++) {
            double a = v[offset + k] - mean;
            den += a * a;
            if (k + 1 < n) {
                num += a * (v[offset + k + 1] - mean);
            }
        }
        return num / den;
    }
}
