package org.convlab.data;

import java.util.SplittableRandom;

/** Seeded Fisher-Yates permutations. */
final class Permutation {
    private Permutation() {
    }

    /** 0..n-1 in a random order drawn from {@code rng}. */
    static int[] shuffled(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
