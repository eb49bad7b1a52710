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
        return c.data().asDouble();
    }

    /** A new c-order array of {@code type} holding {@code values}. */
    static INDArray write(double[] values, DataType type, long... shape) {
        return Nd4j.create(values, shape, 'c').castTo(type);
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
