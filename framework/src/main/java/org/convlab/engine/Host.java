package org.convlab.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk moves between ND4J's off-heap arrays and Java primitive arrays ({@code float[]} for FLOAT,
 * {@code double[]} for DOUBLE): one memcpy each way instead of a JNI call per element.
 */
final class Host {
    private Host() {
    }

    static Object allocate(DataType type, int length) {
        return type == DataType.DOUBLE ? new double[length] : new float[length];
    }

    static int length(Object host) {
        return host instanceof float[] f ? f.length : ((double[]) host).length;
    }

    /**
     * {@code a} itself when its elements are the first {@code length} of its buffer in c order
     * (also a window on a larger buffer), otherwise a c-ordered copy.
     */
    static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && a.offset() == 0 && Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }

    /** Copies all elements of {@code a} (c order) into the start of {@code dst}. */
    static void read(INDArray a, Object dst) {
        INDArray c = contiguous(a);
        int n = Math.toIntExact(c.length());
        if (dst instanceof float[] f) {
            c.data().asNioFloat().get(0, f, 0, n);
        } else {
            c.data().asNioDouble().get(0, (double[]) dst, 0, n);
        }
    }

    /** Copies the first {@code dst.length()} elements of {@code src} into {@code dst}, which must be contiguous in c order. */
    static void write(Object src, INDArray dst) {
        if (!isDenseC(dst)) {
            throw new IllegalArgumentException("expected a contiguous c-ordered array to write into, found shape "
                    + java.util.Arrays.toString(dst.shape()) + " strides " + java.util.Arrays.toString(dst.stride())
                    + " order " + dst.ordering());
        }
        int n = Math.toIntExact(dst.length());
        int at = Math.toIntExact(dst.offset());
        if (src instanceof float[] f) {
            dst.data().asNioFloat().put(at, f, 0, n);
        } else {
            dst.data().asNioDouble().put(at, (double[]) src, 0, n);
        }
    }

    /**
     * Whether the elements of {@code a} lie in c order without gaps from its offset on. Axes of size 1
     * may carry any stride (ND4J's own stride check rejects some such arrays).
     */
    static boolean isDenseC(INDArray a) {
        long expected = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) != 1 && a.stride(d) != expected) {
                return false;
            }
            expected *= a.size(d);
        }
        return true;
    }

    /** A new array of {@code shape} holding the first elements of {@code src}. */
    static INDArray toArray(Object src, DataType type, long... shape) {
        INDArray out = Nd4j.createUninitialized(type, shape, 'c');
        write(src, out);
        return out;
    }

    static void fillZero(Object host, int length) {
        if (host instanceof float[] f) {
            java.util.Arrays.fill(f, 0, length, 0f);
        } else {
            java.util.Arrays.fill((double[]) host, 0, length, 0d);
        }
    }
}
