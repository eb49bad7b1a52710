package org.convlab.train;

/**
 * Receives training progress for display. {@link #forConsole()} picks a progress bar on an
 * interactive terminal and plain lines at a steady interval otherwise (logs, CI, pipes).
 */
public interface ProgressListener {

    /** Before the first epoch; {@code batchesPerEpoch} is -1 when unknown. */
    default void onFitStart(int firstEpoch, int epochs, int batchesPerEpoch) {
    }

    default void onEpochStart(int epoch) {
    }

    /**
     * Before the first step of an epoch; {@code batchesDone} is above 0 when a run resumed in the
     * middle of the epoch. By default {@link #onEpochStart(int)}.
     */
    default void onEpochStart(int epoch, int batchesDone) {
        onEpochStart(epoch);
    }

    default void onStep(int epoch, int batch, double loss) {
    }

    /** After each step, with the number of examples in its batch; by default {@link #onStep(int, int, double)}. */
    default void onStep(int epoch, int batch, double loss, int examples) {
        onStep(epoch, batch, loss);
    }

    default void onEpochEnd(EpochRecord record) {
    }

    /** After the last epoch, also when training stopped early, was interrupted or failed. */
    default void onFitEnd() {
    }

    /** Reports nothing. */
    static ProgressListener silent() {
        return new ProgressListener() {
        };
    }

    /**
     * A progress bar on a terminal ({@code System.console() != null}), else a line on stdout every
     * {@value EpochLinePrinter#DEFAULT_INTERVAL_SECONDS} seconds during an epoch and one per epoch.
     */
    static ProgressListener forConsole() {
        return System.console() != null ? new ProgressBarListener() : new EpochLinePrinter(System.out);
    }
}
