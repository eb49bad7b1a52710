package org.convlab.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch: features in the framework's layout with either class labels or array targets,
 * and the indices of its examples in the data set it was drawn from.
 */
public final class Batch {
    private final DataSet data;
    private final int[] indices;

    Batch(DataSet data, int[] indices) {
        this.data = data;
        this.indices = indices;
    }

    /** Features [B, C, ...]. */
    public INDArray features() {
        return data.features();
    }

    /** Class labels (copy); only for a classification set. */
    public int[] labels() {
        return data.labels();
    }

    /** Labels one-hot [B, numClasses] in the features' data type. */
    public INDArray oneHot() {
        return data.oneHot(data.features().dataType());
    }

    /** Labels one-hot [B, numClasses] in the given data type. */
    public INDArray oneHot(DataType type) {
        return data.oneHot(type);
    }

    /** Array targets [B, ...]; only for a set with targets. */
    public INDArray targets() {
        return data.targets();
    }

    /** The number of examples in this batch. */
    public int size() {
        return indices.length;
    }

    /** The examples' indices in the source data set (copy). */
    public int[] indices() {
        return indices.clone();
    }

    /** This batch as a data set of its own. */
    public DataSet asDataSet() {
        return data;
    }
}
