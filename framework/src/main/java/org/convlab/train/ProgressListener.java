package org.convlab.train;

/**
 * Receives training progress for display. {@link #forConsole()} picks a progress bar on an
 * interactive terminal and one plain line per epoch otherwise (logs, CI, pipes).
 */
public interface ProgressListener {

    /** Before the first epoch; {@code batchesPerEpoch} is -1 when unknown. */
    default void onFitStart(int firstEpoch, int epochs, int batchesPerEpoch) {
    }

    default void onEpochStart(int epoch) {
    }

    default void onStep(int epoch, int batch, double loss) {
    }

    default void onEpochEnd(EpochRecord record) {
    }

    /** After the last epoch, also when training stopped early or failed. */
    default void onFitEnd() {
    }

    /** Reports nothing. */
    static ProgressListener silent() {
        return new ProgressListener() {
        };
    }

    /** A progress bar on a terminal ({@code System.console() != null}), else one line per epoch on stdout. */
    static ProgressListener forConsole() {
        return System.console() != null ? new ProgressBarListener() : new EpochLinePrinter(System.out);
    }
}
