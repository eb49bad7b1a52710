package org.convlab.nn.layers;

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

    /** Product of the axes from {@code from} on (1 when there are none). */
    static int product(long[] shape, int from) {
        long n = 1;
        for (int i = from; i < shape.length; i++) {
            n *= shape[i];
        }
        return Math.toIntExact(n);
    }
}
