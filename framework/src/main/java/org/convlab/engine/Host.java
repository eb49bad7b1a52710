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

    /** Copies the first {@code dst.length()} elements of {@code src} into {@code dst}, which must be contiguous. */
    static void write(Object src, INDArray dst) {
        int n = Math.toIntExact(dst.length());
        if (src instanceof float[] f) {
            dst.data().asNioFloat().put(0, f, 0, n);
        } else {
            dst.data().asNioDouble().put(0, (double[]) src, 0, n);
        }
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
