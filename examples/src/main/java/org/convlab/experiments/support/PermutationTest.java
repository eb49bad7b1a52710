package org.convlab.experiments.support;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * A permutation null: a statistic of labelled values recomputed under random relabellings. The
 * p-value is the share of relabellings whose statistic reaches the observed one, counting the
 * observed labelling itself, {@code (1 + #{null >= observed}) / (1 + permutations)}, so it is never 0.
 *
 * @param observed the statistic under the true labels
 * @param nullValues the statistic under each random relabelling
 * @param p the one-sided p-value (large statistic = effect)
 */
public record PermutationTest(double observed, double[] nullValues, double p) {

    /**
     * Shuffles {@code labels} {@code permutations} times (Fisher–Yates, seeded) and evaluates
     * {@code statistic} on each shuffle; the array passed to the statistic is reused, so copy it to keep it.
     */
    public static PermutationTest run(int[] labels, ToDoubleFunction<int[]> statistic, int permutations, long seed) {
        double observed = statistic.applyAsDouble(labels.clone());
        SplittableRandom rng = new SplittableRandom(seed);
        int[] shuffled = labels.clone();
        double[] nulls = new double[permutations];
        int atLeast = 0;
        for (int t = 0; t < permutations; t++) {
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = tmp;
            }
            nulls[t] = statistic.applyAsDouble(shuffled);
            // A tolerance, so that a relabelling giving the same value up to rounding counts as reaching it.
            if (nulls[t] >= observed - 1e-12 * Math.max(1, Math.abs(observed))) {
                atLeast++;
            }
        }
        return new PermutationTest(observed, nulls, (atLeast + 1.0) / (permutations + 1.0));
    }

    /** The q-quantile of the null values, e.g. 0.95 for the top of the band a chance effect stays in. */
    public double nullQuantile(double q) {
        return Stats.quantile(nullValues, q);
    }
}
