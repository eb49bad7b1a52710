package org.convlab.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One-hot encoding of class labels, built in a primitive array. */
final class OneHot {
    private OneHot() {
    }

    static INDArray encode(int[] labels, int numClasses, DataType type) {
        double[] v = new double[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            v[i * numClasses + labels[i]] = 1;
        }
        return Nd4j.create(v, new long[] {labels.length, numClasses}, 'c').castTo(type);
    }
}
