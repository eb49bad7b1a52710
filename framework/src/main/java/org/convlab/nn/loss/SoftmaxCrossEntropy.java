package org.convlab.nn.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Softmax followed by the negative log-likelihood of the true class, averaged over the batch
 * (PyTorch's {@code CrossEntropyLoss()} with class-index targets).
 *
 * <p>For logits {@code z} of shape {@code [N, K]} and labels {@code y} of shape {@code [N]}:
 * {@code L = mean_i(logsumexp(z_i) - z_i[y_i])}, with
 * {@code logsumexp(z) = m + log(sum_j exp(z_j - m))}, {@code m = max_j z_j}, so no exponential
 * overflows. The gradient is {@code (softmax(z_i) - onehot(y_i)) / N}.
 *
 * <p>Labels may come as an array of any numeric type holding whole numbers in {@code [0, K)}, or as
 * an {@code int[]}.
 */
public final class SoftmaxCrossEntropy implements Loss {

    @Override
    public Result compute(INDArray logits, INDArray labels) {
        requireLogits(logits);
        long n = logits.size(0);
        if (labels.rank() != 1 || labels.length() != n) {
            throw new IllegalArgumentException(name() + ": expected labels of shape [" + n
                    + "] (one class index per row of the logits " + Arrays.toString(logits.shape()) + "), got "
                    + Arrays.toString(labels.shape()));
        }
        double[] raw = LossInputs.toDoubles(labels);
        int[] classes = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != Math.rint(raw[i])) {
                throw new IllegalArgumentException(name() + ": expected whole-number class indices, got "
                        + raw[i] + " at position " + i);
            }
            // Out-of-int-range values become a range error below, not a silent wrap-around.
            classes[i] = raw[i] > Integer.MAX_VALUE ? Integer.MAX_VALUE
                    : raw[i] < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) raw[i];
        }
        return compute(logits, classes);
    }

    /** The same loss with labels given as a primitive array of class indices. */
    public Result compute(INDArray logits, int[] labels) {
        requireLogits(logits);
        int n = Math.toIntExact(logits.size(0));
        int k = Math.toIntExact(logits.size(1));
        if (labels.length != n) {
            throw new IllegalArgumentException(name() + ": expected " + n + " labels (one per row of the logits "
                    + Arrays.toString(logits.shape()) + "), got " + labels.length);
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException(name() + ": expected class indices in [0, " + k + ") for " + k
                        + " classes, got " + labels[i] + " at position " + i);
            }
        }
        double[] z = LossInputs.toDoubles(logits);
        double[] grad = new double[z.length];
        double total = 0;
        for (int i = 0; i < n; i++) {
            int row = i * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z[row + j]);
            }
            double sumExp = 0;
            for (int j = 0; j < k; j++) {
                grad[row + j] = Math.exp(z[row + j] - max);
                sumExp += grad[row + j];
            }
            total += max + Math.log(sumExp) - z[row + labels[i]];
            for (int j = 0; j < k; j++) {
                grad[row + j] = grad[row + j] / sumExp / n;
            }
            grad[row + labels[i]] -= 1.0 / n;
        }
        INDArray gradient = Nd4j.create(grad, logits.shape(), 'c').castTo(logits.dataType());
        return new Result(total / n, gradient);
    }

    public double value(INDArray logits, int[] labels) {
        return compute(logits, labels).value();
    }

    public INDArray gradient(INDArray logits, int[] labels) {
        return compute(logits, labels).gradient();
    }

    private void requireLogits(INDArray logits) {
        if (logits.rank() != 2 || logits.size(0) < 1 || logits.size(1) < 1) {
            throw new IllegalArgumentException(name() + ": expected logits of shape [N, K] with N, K >= 1, got "
                    + Arrays.toString(logits.shape()));
        }
    }
}
