package org.convlab.data.idx;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions of IDX contents to framework arrays. */
public final class IdxImages {
    private IdxImages() {
    }

    /**
     * Images [N, H, W] of bytes as a [N, 1, H, W] array scaled to [0, 1] (value / 255), FLOAT or
     * DOUBLE, built from a primitive array in one copy.
     */
    public static INDArray toArray(IdxArray images, DataType type) {
        int[] d = images.dims();
        if (d.length != 3) {
            throw new IllegalArgumentException("images: expected 3 dimensions [N, H, W], found " + d.length);
        }
        long[] shape = {d[0], 1, d[1], d[2]};
        byte[] b = images.data();
        if (type == DataType.DOUBLE) {
            double[] v = new double[b.length];
            for (int i = 0; i < b.length; i++) {
                v[i] = (b[i] & 0xFF) / 255.0;
            }
            return Nd4j.create(v, shape, 'c');
        }
        if (type != DataType.FLOAT) {
            throw new IllegalArgumentException("type: expected FLOAT or DOUBLE, found " + type);
        }
        float[] v = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            v[i] = (b[i] & 0xFF) / 255f;
        }
        return Nd4j.create(v, shape, 'c');
    }

    /** Labels [N] of bytes as ints. */
    public static int[] toLabels(IdxArray labels) {
        if (labels.dims().length != 1) {
            throw new IllegalArgumentException("labels: expected 1 dimension, found " + labels.dims().length);
        }
        int[] out = new int[labels.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels.unsigned(i);
        }
        return out;
    }
}
