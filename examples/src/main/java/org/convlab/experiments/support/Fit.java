package org.convlab.experiments.support;

import java.util.function.IntFunction;
import org.convlab.experiments.Progress;
import org.convlab.nn.GradMode;
import org.convlab.nn.Layer;
import org.convlab.nn.loss.Loss;
import org.convlab.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The few training and inference loops the experiments share. */
public final class Fit {
    private Fit() {
    }

    /** One batch: the input and what the loss compares the output with (labels or targets). */
    public record Batch(INDArray input, INDArray target) {
    }

    /**
     * Runs {@code steps} optimisation steps on the batches {@code batchAt(step)} and returns the
     * loss of every step. A non-finite loss stops with an exception naming the step.
     */
    public static double[] steps(Layer model, Optimizer optimizer, Loss loss, int steps, IntFunction<Batch> batchAt,
            Progress progress) {
        double[] losses = new double[steps];
        model.setTraining(true);
        for (int s = 0; s < steps; s++) {
            Batch b = batchAt.apply(s);
            Loss.Result r = loss.compute(model.forward(b.input()), b.target());
            if (!Double.isFinite(r.value())) {
                throw new ArithmeticException("training diverged: loss " + r.value() + " at step " + s);
            }
            optimizer.zeroGrad();
            model.backward(r.gradient());
            optimizer.step();
            losses[s] = r.value();
            progress.step();
        }
        return losses;
    }

    /** The model's output on {@code x}, in evaluation mode, {@code batchSize} samples at a time. */
    public static INDArray predict(Layer model, INDArray x, int batchSize) {
        model.setTraining(false);
        try (GradMode.Scope ignored = GradMode.disabled()) {
            long n = x.size(0);
            INDArray[] parts = new INDArray[(int) ((n + batchSize - 1) / batchSize)];
            for (int i = 0; i < parts.length; i++) {
                long from = (long) i * batchSize;
                parts[i] = model.forward(x.get(NDArrayIndex.interval(from, Math.min(n, from + batchSize))));
            }
            return parts.length == 1 ? parts[0] : Nd4j.concat(0, parts);
        } finally {
            model.setTraining(true);
        }
    }

    /** The share of rows of {@code logits} whose arg-max equals the label. */
    public static double accuracy(INDArray logits, int[] labels) {
        long[] predicted = logits.argMax(1).toLongVector();
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }
}
