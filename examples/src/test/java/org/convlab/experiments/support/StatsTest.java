package org.convlab.experiments.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class StatsTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3, Stats.median(new double[] {5, 1, 3}));
        assertEquals(2.5, Stats.median(new double[] {4, 1, 3, 2}));
    }

    @Test
    void sampleStandardDeviationUsesNMinusOne() {
        // Values 2, 4, 4, 4, 5, 5, 7, 9: sum of squared deviations 32, n - 1 = 7.
        assertEquals(Math.sqrt(32.0 / 7), Stats.sd(new double[] {2, 4, 4, 4, 5, 5, 7, 9}), 1e-12);
        assertEquals("5.00 ± 2.14", Stats.meanSd(new double[] {2, 4, 4, 4, 5, 5, 7, 9}, 2));
    }

    @Test
    void tiesShareTheirMeanRank() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Stats.ranks(new double[] {1, 5, 5, 9}));
    }

    @Test
    void spearmanIsOneForAMonotoneButNonLinearRelation() {
        assertEquals(1, Stats.spearman(new double[] {1, 2, 3, 4}, new double[] {1, 8, 27, 64}), 1e-12);
        assertEquals(-1, Stats.spearman(new double[] {1, 2, 3, 4}, new double[] {9, 4, 1, 0}), 1e-12);
    }

    @Test
    void aucIsTheShareOfPairsWhereTheFirstSampleWins() {
        assertEquals(1, Stats.auc(new double[] {3, 4}, new double[] {1, 2}));
        assertEquals(0, Stats.auc(new double[] {1, 2}, new double[] {3, 4}));
        // Pairs (1,2) lose, (3,2) win twice, ties count half: (0 + 0 + 1 + 1) / 4.
        assertEquals(0.5, Stats.auc(new double[] {1, 3}, new double[] {2, 2}));
        assertEquals(0.5, Stats.auc(new double[] {2}, new double[] {2}));
    }

    @Test
    void quantileInterpolatesBetweenOrderStatistics() {
        assertEquals(2.5, Stats.quantile(new double[] {4, 1, 3, 2}, 0.5), 1e-12);
        assertEquals(4, Stats.quantile(new double[] {4, 1, 3, 2}, 1), 1e-12);
    }

    @Test
    void maxAbsDifferenceFindsTheLargestGapAndRejectsOtherShapes() {
        assertEquals(3, Stats.maxAbsDifference(Nd4j.createFromArray(1.0, -2.0, 5.0),
                Nd4j.createFromArray(1.5, 1.0, 4.0)), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> Stats.maxAbsDifference(Nd4j.createFromArray(1.0), Nd4j.createFromArray(1.0, 2.0)));
    }
}
