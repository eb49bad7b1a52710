package org.convlab.train;

/**
 * The seed of one epoch, a function of the run's seed and the epoch index alone: epoch 7 of a
 * resumed run gets the seed that epoch 7 of the uninterrupted run got, with no replay of epochs 0-6.
 */
public final class EpochSeeds {
    private EpochSeeds() {
    }

    public static long of(long seed, int epoch) {
        // SplittableRandom's 64-bit finaliser: neighbouring epochs get unrelated seeds.
        long z = seed + (epoch + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
