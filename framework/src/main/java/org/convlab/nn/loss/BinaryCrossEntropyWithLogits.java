package org.convlab.nn.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Binary cross-entropy on raw scores (logits) {@code x} against targets {@code y} in [0, 1], averaged
 * over all elements (PyTorch's {@code BCEWithLogitsLoss()}).
 *
 * <p>Per element {@code -(y log s(x) + (1 - y) log(1 - s(x)))} with {@code s} the sigmoid, evaluated
 * in the overflow-free form {@code max(x, 0) - x y + log(1 + exp(-|x|))}; the gradient is
 * {@code (s(x) - y) / n}. Soft targets are allowed and not range-checked, as in PyTorch.
 */
public final class BinaryCrossEntropyWithLogits implements Loss {

    @Override
    public Result compute(INDArray logits, INDArray target) {
        LossInputs.requireMatchingTarget(name(), logits, target);
        double[] x = LossInputs.toDoubles(logits);
        double[] y = LossInputs.toDoubles(target);
        double n = x.length;
        double sum = 0;
        double[] grad = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            sum += Math.max(x[i], 0) - x[i] * y[i] + Math.log1p(Math.exp(-Math.abs(x[i])));
            grad[i] = (sigmoid(x[i]) - y[i]) / n;
        }
        INDArray gradient = Nd4j.create(grad, logits.shape(), 'c').castTo(logits.dataType());
        return new Result(sum / n, gradient);
    }

    /** exp is only ever taken of a non-positive number, so it cannot overflow. */
    private static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }
}
