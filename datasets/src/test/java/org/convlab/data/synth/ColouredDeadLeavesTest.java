package org.convlab.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convlab.data.DataSet;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class ColouredDeadLeavesTest {

    private static DataSet leaves(long seed, double noise) {
        return ColouredDeadLeaves.builder().size(32).count(64).noise(noise).seed(seed).dataType(DataType.DOUBLE)
                .build().generate();
    }

    @Test
    void sameSeedSameBitsAndBalancedClasses() {
        DataSet a = leaves(4, 0.03);
        DataSet b = leaves(4, 0.03);
        assertArrayEquals(a.features().data().asDouble(), b.features().data().asDouble());
        assertArrayEquals(a.labels(), b.labels());
        int[] counts = new int[4];
        for (int l : a.labels()) {
            counts[l]++;
        }
        assertArrayEquals(new int[] {16, 16, 16, 16}, counts);
        double min = a.features().minNumber().doubleValue();
        double max = a.features().maxNumber().doubleValue();
        assertTrue(min >= 0 && max <= 1, min + " " + max);
    }

    /**
     * Fine detail (the energy of differences between neighbouring pixels, relative to the signal's
     * variance) is in the luminance, not in the colour-opponent signal: colour is low-frequency.
     */
    @Test
    void colourIsLowFrequencyAndFormHighFrequency() {
        DataSet d = leaves(9, 0);
        double[] v = d.features().data().asDouble();
        int s = 32;
        int plane = s * s;
        double[] lumFine = new double[1];
        double[] opponentFine = new double[1];
        double lumVar = 0;
        double opponentVar = 0;
        for (int i = 0; i < d.size(); i++) {
            double[] lum = new double[plane];
            double[] opp = new double[plane];
            for (int k = 0; k < plane; k++) {
                double r = v[(i * 3) * plane + k];
                double g = v[(i * 3 + 1) * plane + k];
                double b = v[(i * 3 + 2) * plane + k];
                lum[k] = (r + g + b) / 3;
                opp[k] = r - lum[k];
            }
            lumVar += variance(lum);
            opponentVar += variance(opp);
            lumFine[0] += neighbourEnergy(lum, s);
            opponentFine[0] += neighbourEnergy(opp, s);
        }
        double lumShare = lumFine[0] / lumVar;
        double opponentShare = opponentFine[0] / opponentVar;
        assertTrue(lumShare > 3 * opponentShare, "luminance " + lumShare + " vs colour-opponent " + opponentShare);
    }

    @Test
    void badSettingsNameTheSetting() {
        var e = assertThrows(IllegalArgumentException.class, () -> ColouredDeadLeaves.builder().size(8).build());
        assertTrue(e.getMessage().contains("size"));
        assertEquals(4, ColouredDeadLeaves.CLASS_NAMES.size());
    }

    private static double variance(double[] x) {
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return ss / x.length;
    }

    /** Mean squared difference of horizontally and vertically adjacent pixels. */
    private static double neighbourEnergy(double[] x, int s) {
        double e = 0;
        int n = 0;
        for (int y = 0; y < s; y++) {
            for (int c = 0; c + 1 < s; c++) {
                double dx = x[y * s + c + 1] - x[y * s + c];
                double dy = x[c * s + y] - x[(c + 1) * s + y];
                e += dx * dx + dy * dy;
                n += 2;
            }
        }
        return e / n;
    }
}
