package org.convlab.data.synth;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Seeded random convolution kernels in the PyTorch layout [out, in, k...], values uniform in
 * [-1, 1). {@link #asymmetric} guarantees kernels that differ clearly from their flip, so that a
 * cross-correlation and a true (flipped-kernel) convolution give visibly different results.
 *
 * <pre>{@code
 * INDArray g = RandomKernels.asymmetric(3, DataType.DOUBLE, 4, 2, 3, 3); // [4, 2, 3, 3]
 * }</pre>
 */
public final class RandomKernels {
    /** Least {@code ||g - flip(g)|| / ||g||} of every [out, in] slice that {@link #asymmetric} returns. */
    public static final double MIN_ASYMMETRY = 0.5;
    private static final int MAX_DRAWS = 10_000;

    private RandomKernels() {
    }

    /** Uniform [-1, 1) kernels of {@code shape} = [out, in, k...]. */
    public static INDArray random(long seed, DataType type, int... shape) {
        checkShape(shape);
        Arrays2Nd.checkType(type);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[product(shape, 0)];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * rng.nextDouble() - 1;
        }
        return Arrays2Nd.create(v, type, toLong(shape));
    }

    /**
     * Uniform [-1, 1) kernels in which every [out, in] slice {@code g} satisfies
     * {@code ||g - flip(g)|| >= MIN_ASYMMETRY * ||g||}, where {@code flip} reverses every spatial
     * axis (slices are redrawn until they do). At least one spatial size must exceed 1.
     */
    public static INDArray asymmetric(long seed, DataType type, int... shape) {
        checkShape(shape);
        Arrays2Nd.checkType(type);
        int sliceLength = product(shape, 2);
        if (sliceLength == 1) {
            throw new IllegalArgumentException("shape: an asymmetric kernel needs a spatial size > 1, found "
                + Arrays.toString(shape));
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int slices = shape[0] * shape[1];
        double[] v = new double[slices * sliceLength];
        double[] g = new double[sliceLength];
        for (int s = 0; s < slices; s++) {
            int draws = 0;
            do {
                if (++draws > MAX_DRAWS) {
                    throw new IllegalStateException("no asymmetric kernel found in " + MAX_DRAWS + " draws");
                }
                for (int i = 0; i < sliceLength; i++) {
                    g[i] = 2 * rng.nextDouble() - 1;
                }
            } while (asymmetry(g) < MIN_ASYMMETRY);
            System.arraycopy(g, 0, v, s * sliceLength, sliceLength);
        }
        return Arrays2Nd.create(v, type, toLong(shape));
    }

    /**
     * {@code ||g - flip(g)|| / ||g||} for one row-major spatial slice; reversing the flat row-major
     * order is exactly flipping every axis.
     */
    static double asymmetry(double[] g) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < g.length; i++) {
            double d = g[i] - g[g.length - 1 - i];
            diff += d * d;
            norm += g[i] * g[i];
        }
        return norm == 0 ? 0 : Math.sqrt(diff / norm);
    }

    private static void checkShape(int[] shape) {
        if (shape.length < 3) {
            throw new IllegalArgumentException("shape: expected [out, in, k...] with at least one spatial size, found "
                + Arrays.toString(shape));
        }
        for (int s : shape) {
            if (s < 1) {
                throw new IllegalArgumentException("shape: expected sizes >= 1, found " + Arrays.toString(shape));
            }
        }
    }

    private static int product(int[] shape, int from) {
        int p = 1;
        for (int i = from; i < shape.length; i++) {
            p *= shape[i];
        }
        return p;
    }

    private static long[] toLong(int[] shape) {
        return Arrays.stream(shape).asLongStream().toArray();
    }
}
