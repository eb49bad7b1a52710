package org.convlab.data.synth;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Seeded random 2D images [N, C, H, W]: white Gaussian noise, or smooth random fields (noise
 * blurred with a Gaussian of standard deviation {@code sigma} pixels, standardised per image and
 * channel). Same seed, same numbers.
 *
 * <pre>{@code
 * INDArray x = RandomImages.smoothField(7, 8, 3, 32, 32, 2.0, DataType.DOUBLE); // [8, 3, 32, 32]
 * }</pre>
 */
public final class RandomImages {
    private RandomImages() {
    }

    /** White noise N(0, 1), FLOAT. */
    public static INDArray whiteNoise(long seed, int n, int channels, int height, int width) {
        return whiteNoise(seed, n, channels, height, width, DataType.FLOAT);
    }

    /** White noise N(0, 1), FLOAT or DOUBLE. */
    public static INDArray whiteNoise(long seed, int n, int channels, int height, int width, DataType type) {
        check(n, channels, height, width, type);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n * channels * height * width];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return Arrays2Nd.create(v, type, n, channels, height, width);
    }

    /** Smooth random fields, mean 0 and standard deviation 1 per image and channel, FLOAT. */
    public static INDArray smoothField(long seed, int n, int channels, int height, int width, double sigma) {
        return smoothField(seed, n, channels, height, width, sigma, DataType.FLOAT);
    }

    /** Smooth random fields with correlation length {@code sigma} pixels, FLOAT or DOUBLE. */
    public static INDArray smoothField(long seed, int n, int channels, int height, int width, double sigma,
                                       DataType type) {
        check(n, channels, height, width, type);
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma: expected > 0, found " + sigma);
        }
        return Arrays2Nd.create(smoothFieldValues(new SplittableRandom(seed), n * channels, height, width, sigma),
            type, n, channels, height, width);
    }

    /** {@code planes} standardised smooth fields of {@code height x width}, one after the other. */
    static double[] smoothFieldValues(SplittableRandom rng, int planes, int height, int width, double sigma) {
        int plane = height * width;
        double[] v = new double[planes * plane];
        for (int p = 0; p < planes; p++) {
            GaussianSmoothing.smoothField(v, p * plane, new int[] {height, width}, sigma, rng);
        }
        return v;
    }

    private static void check(int n, int channels, int height, int width, DataType type) {
        Arrays2Nd.checkPositive("n", n);
        Arrays2Nd.checkPositive("channels", channels);
        Arrays2Nd.checkPositive("height", height);
        Arrays2Nd.checkPositive("width", width);
        Arrays2Nd.checkType(type);
    }
}
