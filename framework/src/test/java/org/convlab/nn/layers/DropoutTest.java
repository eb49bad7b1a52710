package org.convlab.nn.layers;

import static org.convlab.nn.layers.TestArrays.assertGradientsMatch;
import static org.convlab.nn.layers.TestArrays.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DropoutTest {

    /** Forward of ones exposes the mask times the scale. */
    private static double[] scaledMask(Dropout d, long... shape) {
        return TestArrays.values(d.forward(Nd4j.ones(DataType.DOUBLE, shape)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 0.8})
    void dropsAboutPAndScalesSurvivorsByOneOverOneMinusP(double p) {
        double[] m = scaledMask(new Dropout(p, 3), 100, 100);
        long zeros = Arrays.stream(m).filter(v -> v == 0).count();
        assertEquals(p, zeros / (double) m.length, 0.02);
        for (double v : m) {
            assertTrue(v == 0 || Math.abs(v - 1 / (1 - p)) < 1e-12, "value " + v);
        }
    }

    @Test
    void backwardMultipliesByTheSavedScaledMask() {
        Dropout d = new Dropout(0.4, 5);
        INDArray x = TestArrays.uniform(1, 6, 7);
        INDArray y = d.forward(x);
        double[] xs = TestArrays.values(x);
        double[] ys = TestArrays.values(y);
        double[] mask = new double[xs.length]; // recovered from y = x * mask * scale
        for (int i = 0; i < xs.length; i++) {
            mask[i] = ys[i] / xs[i];
            assertTrue(mask[i] == 0 || Math.abs(mask[i] - 1 / 0.6) < 1e-9);
        }
        INDArray g = TestArrays.uniform(2, 6, 7);
        double[] gs = TestArrays.values(g);
        double[] expected = new double[gs.length];
        for (int i = 0; i < gs.length; i++) {
            expected[i] = gs[i] * mask[i];
        }
        assertValues(expected, d.backward(g), 1e-9);
    }

    @Test
    void sharedLayerBackwardUsesEachCallsOwnMask() {
        Dropout d = new Dropout(0.5, 9);
        double[] first = scaledMask(d, 40);
        double[] second = scaledMask(d, 40);
        assertFalse(Arrays.equals(first, second));
        assertValues(second, d.backward(Nd4j.ones(DataType.DOUBLE, 40)), 0);
        assertValues(first, d.backward(Nd4j.ones(DataType.DOUBLE, 40)), 0);
    }

    @Test
    void sameSeedSameMasksOtherSeedOtherMasks() {
        Dropout a = new Dropout(0.5, 42);
        Dropout b = new Dropout(0.5, 42);
        assertArrayEquals(scaledMask(a, 64), scaledMask(b, 64));
        assertArrayEquals(scaledMask(a, 64), scaledMask(b, 64));
        assertFalse(Arrays.equals(scaledMask(new Dropout(0.5, 42), 64), scaledMask(new Dropout(0.5, 43), 64)));
    }

    @Test
    void evaluationIsTheIdentity() {
        Dropout d = new Dropout(0.7, 1);
        d.setTraining(false);
        INDArray x = TestArrays.uniform(3, 4, 5);
        assertValues(TestArrays.values(x), d.forward(x), 0);
        assertGradientsMatch(d, x);
    }

    @Test
    void pZeroKeepsEverythingAndPOneDropsEverything() {
        assertValues(new double[] {1, 1, 1}, new Dropout(0, 1).forward(Nd4j.ones(DataType.DOUBLE, 3)), 0);
        assertValues(new double[] {0, 0, 0}, new Dropout(1, 1).forward(Nd4j.ones(DataType.DOUBLE, 3)), 0);
    }

    @Test
    void probabilityOutsideZeroOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5, 0));
        assertTrue(e.getMessage().contains("Dropout") && e.getMessage().contains("1.5"), e.getMessage());
    }
}
