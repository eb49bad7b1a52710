package org.convlab.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Plain lines for logs and non-interactive runs: during an epoch, one line every {@code interval}
 * seconds with the position, the running loss, images/s and the time left; after it, the epoch's
 * summary line. A quiet epoch shorter than the interval prints only its summary.
 */
public final class EpochLinePrinter implements ProgressListener {
    /** Seconds between progress lines by default. */
    public static final int DEFAULT_INTERVAL_SECONDS = 10;

    private final PrintStream out;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final EpochPace pace;
    private int epochs;
    private int batchesPerEpoch;
    private long lastLine;

    public EpochLinePrinter(PrintStream out) {
        this(out, DEFAULT_INTERVAL_SECONDS, System::nanoTime);
    }

    /** Lines every {@code intervalSeconds}, timed by {@code nanoTime} (tests pass a fake clock). */
    public EpochLinePrinter(PrintStream out, double intervalSeconds, LongSupplier nanoTime) {
        if (!(intervalSeconds > 0)) {
            throw new IllegalArgumentException("EpochLinePrinter: the interval must be > 0 seconds, got " + intervalSeconds);
        }
        this.out = out;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.nanoTime = nanoTime;
        this.pace = new EpochPace(nanoTime);
    }

    @Override
    public void onFitStart(int firstEpoch, int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
    }

    @Override
    public void onEpochStart(int epoch, int batchesDone) {
        pace.start(batchesDone);
        lastLine = nanoTime.getAsLong();
    }

    @Override
    public void onStep(int epoch, int batch, double loss, int examples) {
        pace.step(examples);
        long now = nanoTime.getAsLong();
        if (now - lastLine < intervalNanos) {
            return;
        }
        lastLine = now;
        String position = batchesPerEpoch > 0
                ? String.format(Locale.ROOT, "%3.0f%% (%d/%d batches)", 100.0 * pace.batches() / batchesPerEpoch,
                        pace.batches(), batchesPerEpoch)
                : pace.batches() + " batches";
        out.println(String.format(Locale.ROOT, "epoch %d/%d  %s  loss %.4f  %s", epoch + 1, epochs, position, loss,
                pace.describe(batchesPerEpoch)));
        out.flush();
    }

    @Override
    public void onEpochEnd(EpochRecord record) {
        out.println(EpochLines.format(record, epochs) + String.format(Locale.ROOT, "  %.1fs", pace.seconds()));
        out.flush();
    }
}
