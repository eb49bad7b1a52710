package org.convlab.data.synth;

import java.util.SplittableRandom;

/** Class labels with counts as equal as possible (they differ by at most one), in seeded random order. */
final class BalancedLabels {
    private BalancedLabels() {
    }

    static int[] draw(int n, int classes, SplittableRandom rng) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        return labels;
    }
}
