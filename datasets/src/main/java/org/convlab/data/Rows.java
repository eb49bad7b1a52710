package org.convlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Bulk gathering of examples (first-axis slices) from an array of any rank. */
final class Rows {
    private Rows() {
    }

    /**
     * The slices {@code x[indices[0]], x[indices[1]], ...} stacked along a new first axis, in one
     * native call: the array is seen as a matrix [N, rest] and its rows pulled.
     */
    static INDArray gather(INDArray x, int[] indices) {
        long[] shape = x.shape();
        long rest = x.length() / shape[0];
        INDArray matrix = contiguous(x).reshape('c', shape[0], rest);
        INDArray rows = indices.length == 0
            ? Nd4j.create(x.dataType(), 0, rest)
            : Nd4j.pullRows(matrix, 1, indices);
        long[] outShape = shape.clone();
        outShape[0] = indices.length;
        return rows.reshape('c', outShape);
    }

    /** {@code x} itself when it owns a c-ordered buffer, else a c-ordered copy. */
    static INDArray contiguous(INDArray x) {
        return x.ordering() == 'c' && !x.isView() ? x : x.dup('c');
    }
}
