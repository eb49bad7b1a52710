package org.convlab.data.synth;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Seeded random 1D signals [N, C, L]: white Gaussian noise, or smooth signals (noise blurred with a
 * Gaussian of the given correlation length, standardised per series). Same seed, same numbers.
 *
 * <pre>{@code
 * INDArray x = RandomSignals.smooth(42, 16, 2, 128, 4.0, DataType.FLOAT); // [16, 2, 128]
 * }</pre>
 */
public final class RandomSignals {
    private RandomSignals() {
    }

    /** White noise N(0, 1), shape [n, channels, length], FLOAT. */
    public static INDArray whiteNoise(long seed, int n, int channels, int length) {
        return whiteNoise(seed, n, channels, length, DataType.FLOAT);
    }

    /** White noise N(0, 1), shape [n, channels, length], FLOAT or DOUBLE. */
    public static INDArray whiteNoise(long seed, int n, int channels, int length, DataType type) {
        check(n, channels, length, type);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n * channels * length];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return Arrays2Nd.create(v, type, n, channels, length);
    }

    /** Smooth signals, mean 0 and standard deviation 1 per series, FLOAT. */
    public static INDArray smooth(long seed, int n, int channels, int length, double correlationLength) {
        return smooth(seed, n, channels, length, correlationLength, DataType.FLOAT);
    }

    /**
     * Smooth signals: white noise blurred with a Gaussian of standard deviation
     * {@code correlationLength} samples, then standardised per series.
     */
    public static INDArray smooth(long seed, int n, int channels, int length, double correlationLength,
                                  DataType type) {
        check(n, channels, length, type);
        if (!(correlationLength > 0)) {
            throw new IllegalArgumentException("correlationLength: expected > 0, found " + correlationLength);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n * channels * length];
        for (int s = 0; s < n * channels; s++) {
            GaussianSmoothing.smoothField(v, s * length, new int[] {length}, correlationLength, rng);
        }
        return Arrays2Nd.create(v, type, n, channels, length);
    }

    private static void check(int n, int channels, int length, DataType type) {
        Arrays2Nd.checkPositive("n", n);
        Arrays2Nd.checkPositive("channels", channels);
        Arrays2Nd.checkPositive("length", length);
        Arrays2Nd.checkType(type);
    }
}
