package org.convlab.train;

/**
 * Hooks into {@link Trainer#fit}: a learning-rate schedule, early stopping, periodic checkpoints.
 * Every method has an empty default; the trainer gives access to the model, optimizer, counters and
 * history, and {@link Trainer#requestStop()} ends training after the current epoch.
 */
public interface Callback {

    /** Before the first epoch of a {@code fit} call. */
    default void onFitStart(Trainer trainer) {
    }

    /** Before each epoch; {@link Trainer#epoch()} is the epoch about to run. */
    default void onEpochStart(Trainer trainer) {
    }

    /** Before each optimizer step; {@link Trainer#step()} is the number of steps applied so far. */
    default void beforeStep(Trainer trainer) {
    }

    /** After each applied step, with its loss. */
    default void afterStep(Trainer trainer, double loss) {
    }

    /** After each epoch, once its record is in the history and {@link Trainer#epoch()} counts it. */
    default void onEpochEnd(Trainer trainer, EpochRecord record) {
    }
}
