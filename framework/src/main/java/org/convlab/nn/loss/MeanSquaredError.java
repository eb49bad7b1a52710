package org.convlab.nn.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean squared error over all elements: {@code L = mean((p - t)^2)}, {@code dL/dp = 2 (p - t) / n}
 * with {@code n} the number of elements (PyTorch's {@code MSELoss()}).
 */
public final class MeanSquaredError implements Loss {

    @Override
    public Result compute(INDArray prediction, INDArray target) {
        LossInputs.requireMatchingTarget(name(), prediction, target);
        INDArray diff = prediction.sub(target);
        double n = prediction.length();
        double value = diff.mul(diff).sumNumber().doubleValue() / n;
        return new Result(value, diff.muli(2.0 / n));
    }
}
