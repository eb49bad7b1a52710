package org.convlab.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded array initialisers. They draw from {@link SplittableRandom} on the Java side, so the same
 * seed gives the same numbers whatever ND4J's global generator has done before.
 */
public final class Init {
    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong(42);

    private Init() {
    }

    /**
     * The seed for a layer built without {@code .seed(...)}: the next number of a process-wide
     * sequence, so that layers differ from one another and a program that builds its layers in the
     * same order gets the same weights on every run.
     */
    public static long nextSeed() {
        return SEQUENCE.getAndIncrement() * 0x9E3779B97F4A7C15L;
    }

    /** Restarts the default-seed sequence, e.g. at the start of an experiment. */
    public static void resetSeedSequence(long start) {
        SEQUENCE.set(start);
    }

    /** Uniform values in {@code [lo, hi)}. */
    public static INDArray uniform(long seed, DataType type, double lo, double hi, long... shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[hostLength(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return Nd4j.create(v, shape, 'c').castTo(type);
    }

    /** Normal values with the given mean and standard deviation. */
    public static INDArray normal(long seed, DataType type, double mean, double std, long... shape) {
        java.util.Random rng = new java.util.Random(seed);
        double[] v = new double[hostLength(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = mean + std * rng.nextGaussian();
        }
        return Nd4j.create(v, shape, 'c').castTo(type);
    }

    /**
     * PyTorch's default for convolution and linear weights: Kaiming-uniform with a = sqrt(5),
     * which reduces to U(-1/sqrt(fanIn), 1/sqrt(fanIn)); the bias uses the same bound.
     */
    public static INDArray kaimingUniform(long seed, DataType type, long fanIn, long... shape) {
        double bound = 1.0 / Math.sqrt(fanIn);
        return uniform(seed, type, -bound, bound, shape);
    }

    /**
     * The number of values of {@code shape}, refused with a clear error (not an overflow or an
     * {@link OutOfMemoryError}) when they cannot fit: more than one Java array holds, or more bytes
     * than this JVM's heap can ever give (a config asking for such a layer is a typo).
     */
    private static int hostLength(long[] shape) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("parameter shape " + java.util.Arrays.toString(shape)
                        + ": expected non-negative sizes");
            }
            n = s == 0 || n == 0 ? 0 : n > (Integer.MAX_VALUE - 8) / s ? -1 : n * s;
            if (n < 0) {
                throw new IllegalArgumentException("parameter shape " + java.util.Arrays.toString(shape)
                        + ": expected at most " + (Integer.MAX_VALUE - 8) + " values, found more");
            }
        }
        long bytes = n * Double.BYTES;
        if (bytes > Runtime.getRuntime().maxMemory()) {
            throw new IllegalArgumentException("parameter shape " + java.util.Arrays.toString(shape) + " needs "
                    + bytes + " bytes to initialise, more than this JVM's heap (" + Runtime.getRuntime().maxMemory()
                    + " bytes, -Xmx)");
        }
        // The values, the native copy, and the parameter with its gradient.
        MemoryBudget.require("parameter shape " + java.util.Arrays.toString(shape), bytes + 4 * n * Double.BYTES);
        return (int) n;
    }

    static long length(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }
}
