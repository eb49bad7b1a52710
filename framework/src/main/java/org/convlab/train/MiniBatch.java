package org.convlab.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One batch for the {@link Trainer}: features {@code [N, ...]} and what the loss compares the
 * prediction with — class labels {@code [N]} or array targets of the prediction's shape.
 */
public record MiniBatch(INDArray features, INDArray targets) {

    public MiniBatch {
        if (features == null || targets == null) {
            throw new IllegalArgumentException("MiniBatch: features and targets must not be null");
        }
        if (features.rank() == 0 || targets.rank() == 0 || features.size(0) != targets.size(0)) {
            throw new IllegalArgumentException("MiniBatch: features " + java.util.Arrays.toString(features.shape())
                    + " and targets " + java.util.Arrays.toString(targets.shape()) + " must have the same batch size");
        }
    }

    /** Features with class labels. */
    public MiniBatch(INDArray features, int[] labels) {
        this(features, Nd4j.createFromArray(labels));
    }

    /** The number of examples. */
    public int size() {
        return Math.toIntExact(features.size(0));
    }
}
