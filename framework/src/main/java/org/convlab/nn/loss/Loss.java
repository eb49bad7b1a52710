package org.convlab.nn.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A scalar training objective of a prediction and a target, with its gradient with respect to the
 * prediction. Reductions are means (PyTorch's default {@code reduction='mean'}), so the gradient
 * already carries the {@code 1/count} factor and can be fed straight into a backward pass.
 */
public interface Loss {

    /** The loss value and dLoss/dPrediction, computed together because they share most of the work. */
    record Result(double value, INDArray gradient) {
    }

    /**
     * Computes the loss and its gradient (an array of the prediction's shape and data type).
     *
     * @throws IllegalArgumentException naming the loss, the expected and the actual shape or label
     */
    Result compute(INDArray prediction, INDArray target);

    /** The loss value alone. */
    default double value(INDArray prediction, INDArray target) {
        return compute(prediction, target).value();
    }

    /** dLoss/dPrediction alone. */
    default INDArray gradient(INDArray prediction, INDArray target) {
        return compute(prediction, target).gradient();
    }

    /** A short name for error messages and logs. */
    default String name() {
        return getClass().getSimpleName();
    }
}
