package org.convlab.train;

import java.io.PrintStream;

/** One plain line per epoch (no per-step output), for logs and non-interactive runs. */
public final class EpochLinePrinter implements ProgressListener {
    private final PrintStream out;
    private int epochs;
    private long epochStart;

    public EpochLinePrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onFitStart(int firstEpoch, int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
    }

    @Override
    public void onEpochStart(int epoch) {
        epochStart = System.nanoTime();
    }

    @Override
    public void onEpochEnd(EpochRecord record) {
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        out.println(EpochLines.format(record, epochs) + String.format(java.util.Locale.ROOT, "  %.1fs", seconds));
        out.flush();
    }
}
