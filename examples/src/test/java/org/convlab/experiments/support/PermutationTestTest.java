package org.convlab.experiments.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class PermutationTestTest {

    private static final double[] VALUES = {1, 2, 3, 4, 5, 6};

    /** Mean of label-1 values minus mean of label-0 values. */
    private static final ToDoubleFunction<int[]> DIFFERENCE = labels -> {
        double a = 0;
        double b = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 1) {
                a += VALUES[i];
            } else {
                b += VALUES[i];
            }
        }
        return a / 3 - b / 3;
    };

    @Test
    void pValueOfTheMostExtremeOfTwentyLabellingsIsAboutOneTwentieth() {
        // Of the C(6,3) = 20 ways to choose the three label-1 values, only {4,5,6} gives the largest difference.
        PermutationTest t = PermutationTest.run(new int[] {0, 0, 0, 1, 1, 1}, DIFFERENCE, 20000, 7);
        assertEquals(3, t.observed(), 1e-12);
        assertEquals(1.0 / 20, t.p(), 0.006);
    }

    @Test
    void aLabellingInTheMiddleOfTheNullGetsALargeP() {
        // {1, 5, 6} vs {2, 3, 4}: difference 1; labellings at least as large: 7 of 20 (by enumeration).
        PermutationTest t = PermutationTest.run(new int[] {1, 0, 0, 0, 1, 1}, DIFFERENCE, 20000, 7);
        assertEquals(1, t.observed(), 1e-12);
        assertEquals(7.0 / 20, t.p(), 0.015);
    }

    @Test
    void sameSeedSameNull() {
        PermutationTest a = PermutationTest.run(new int[] {0, 0, 0, 1, 1, 1}, DIFFERENCE, 50, 3);
        PermutationTest b = PermutationTest.run(new int[] {0, 0, 0, 1, 1, 1}, DIFFERENCE, 50, 3);
        assertEquals(a.p(), b.p());
        assertTrue(java.util.Arrays.equals(a.nullValues(), b.nullValues()));
        assertTrue(a.p() > 0, "the observed labelling counts, so p is never 0");
    }
}
