package org.convlab.nn.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between ND4J arrays and Java {@code double[]} in c order. Element-wise layer maths runs in
 * loops over these copies: one copy in and one out costs far less than a JNI call per element.
 */
final class HostArrays {
    private HostArrays() {
    }

    /** The elements of {@code array} in c order, as doubles. */
    static double[] read(INDArray array) {
        // data() is the whole backing buffer: a view or an f-order array must be laid out first.
        INDArray c = array.isView() || array.ordering() != 'c' || array.data().length() != array.length()
                ? array.dup('c') : array;
        int n = Math.toIntExact(c.length());
        double[] out = new double[n];
        if (c.dataType() == DataType.FLOAT) {
            // ND4J's own float-to-double conversion goes element by element; a bulk copy of the
            // floats and a Java loop is about forty times faster.
            float[] f = new float[n];
            c.data().asNioFloat().get(0, f, 0, n);
            for (int i = 0; i < n; i++) {
                out[i] = f[i];
            }
        } else if (c.dataType() == DataType.DOUBLE) {
            c.data().asNioDouble().get(0, out, 0, n);
        } else {
            return c.data().asDouble();
        }
        return out;
    }

    /** A new c-order array of {@code type} holding {@code values}. */
    static INDArray write(double[] values, DataType type, long... shape) {
        INDArray out = Nd4j.createUninitialized(type, shape, 'c');
        if (type == DataType.FLOAT) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            out.data().asNioFloat().put(0, f, 0, f.length);
        } else if (type == DataType.DOUBLE) {
            out.data().asNioDouble().put(0, values, 0, values.length);
        } else {
            return Nd4j.create(values, shape, 'c').castTo(type);
        }
        return out;
    }

    /**
     * The elements of {@code array} in c order in a {@code float[]} (FLOAT) or {@code double[]}
     * (every other type, converted), reusing {@code buffer} when it has that type and enough room;
     * only the first {@code array.length()} elements are meaningful.
     */
    static Object readTyped(INDArray array, Object buffer) {
        int n = Math.toIntExact(array.length());
        if (array.dataType() == DataType.FLOAT) {
            float[] f = buffer instanceof float[] b && b.length >= n ? b : new float[n];
            contiguous(array).data().asNioFloat().get(0, f, 0, n);
            return f;
        }
        INDArray d = array.dataType() == DataType.DOUBLE ? array : array.castTo(DataType.DOUBLE);
        double[] out = buffer instanceof double[] b && b.length >= n ? b : new double[n];
        contiguous(d).data().asNioDouble().get(0, out, 0, n);
        return out;
    }

    /** A {@code float[]} for FLOAT, else a {@code double[]}, of at least {@code n} elements (reusing {@code buffer}). */
    static Object typedBuffer(DataType type, int n, Object buffer) {
        if (type == DataType.FLOAT) {
            return buffer instanceof float[] b && b.length >= n ? b : new float[n];
        }
        return buffer instanceof double[] b && b.length >= n ? b : new double[n];
    }

    /**
     * Copies the first {@code out.length()} elements of {@code values} (from {@link #readTyped} or
     * {@link #typedBuffer}) into {@code out}, a c-ordered array that owns its whole buffer; returns
     * {@code out}, or a converted copy for a type other than FLOAT or DOUBLE.
     */
    static INDArray writeTyped(Object values, INDArray out) {
        int n = Math.toIntExact(out.length());
        if (values instanceof float[] f) {
            out.data().asNioFloat().put(0, f, 0, n);
            return out;
        }
        double[] d = (double[]) values;
        if (out.dataType() == DataType.DOUBLE) {
            out.data().asNioDouble().put(0, d, 0, n);
            return out;
        }
        return Nd4j.create(Arrays.copyOf(d, n), out.shape(), 'c').castTo(out.dataType());
    }

    private static INDArray contiguous(INDArray a) {
        return a.isView() || a.ordering() != 'c' || a.data().length() != a.length() ? a.dup('c') : a;
    }

    /** Product of the axes from {@code from} on (1 when there are none). */
    static int product(long[] shape, int from) {
        long n = 1;
        for (int i = from; i < shape.length; i++) {
            n *= shape[i];
        }
        return Math.toIntExact(n);
    }
}
