package org.convlab.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A quality measure of predictions against targets, accumulated over the batches of an epoch and
 * read once at its end (so that, e.g., accuracy is over all examples, not a mean of batch means).
 */
public interface Metric {

    /** The key in the history, e.g. {@code "accuracy"} (validation values get the prefix {@code "val_"}). */
    String name();

    /** A fresh, empty accumulator. */
    Accumulator start();

    /** Running sums over the batches seen so far. */
    interface Accumulator {
        void add(INDArray prediction, INDArray target);

        /** The metric over every batch added; NaN when nothing was added. */
        double value();

        /**
         * The running sums, for a checkpoint taken in the middle of an epoch; {@link #restore}
         * of them gives an accumulator that continues exactly. A metric without this support
         * cannot be checkpointed mid-epoch.
         */
        default double[] state() {
            throw new UnsupportedOperationException("the metric accumulator " + getClass().getName()
                    + " cannot save its running sums (implement state() and restore())");
        }

        /** Sets the running sums to those of {@link #state()}. */
        default void restore(double[] state) {
            throw new UnsupportedOperationException("the metric accumulator " + getClass().getName()
                    + " cannot restore its running sums (implement state() and restore())");
        }
    }
}
