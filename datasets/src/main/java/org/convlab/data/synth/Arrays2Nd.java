package org.convlab.data.synth;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Turns primitive arrays filled by the generators into INDArrays in one bulk copy. */
final class Arrays2Nd {
    private Arrays2Nd() {
    }

    /** {@code v} as a c-ordered array of {@code shape} in FLOAT or DOUBLE. */
    static INDArray create(double[] v, DataType type, long... shape) {
        if (type == DataType.DOUBLE) {
            return Nd4j.create(v, shape, 'c');
        }
        if (type != DataType.FLOAT) {
            throw new IllegalArgumentException("dataType: expected FLOAT or DOUBLE, found " + type);
        }
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return Nd4j.create(f, shape, 'c');
    }

    static void checkType(DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("dataType: expected FLOAT or DOUBLE, found " + type);
        }
    }

    static void checkPositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": expected >= 1, found " + value);
        }
    }
}
