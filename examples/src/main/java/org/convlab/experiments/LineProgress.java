package org.convlab.experiments;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress for logs, pipes and CI: a plain line every {@code interval} seconds while the task runs
 * ("  grouped training: 40/100 (40%), loss 0.0312, 0:12 elapsed"), nothing for a task that ends
 * sooner (the runner's line per experiment says that it ended).
 */
final class LineProgress implements Progress {
    static final double DEFAULT_INTERVAL_SECONDS = 10;

    private final PrintStream out;
    private final String task;
    private final long total;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final long start;
    private long lastLine;
    private long done;
    private String extra = "";

    LineProgress(PrintStream out, String task, long total, double intervalSeconds, LongSupplier nanoTime) {
        this.out = out;
        this.task = task;
        this.total = total;
        this.nanoTime = nanoTime;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.start = nanoTime.getAsLong();
        this.lastLine = start;
    }

    @Override
    public void step() {
        done++;
        long now = nanoTime.getAsLong();
        if (now - lastLine >= intervalNanos) {
            lastLine = now;
            long seconds = Math.round((now - start) / 1e9);
            String position = total > 0
                    ? String.format(Locale.ROOT, "%d/%d (%.0f%%)", done, total, 100.0 * done / total)
                    : Long.toString(done);
            out.printf(Locale.ROOT, "  %s: %s%s, %d:%02d elapsed%n", task, position,
                    extra.isEmpty() ? "" : ", " + extra, seconds / 60, seconds % 60);
            out.flush();
        }
    }

    @Override
    public void setExtra(String extra) {
        this.extra = extra == null ? "" : extra;
    }

    @Override
    public void close() {
    }
}
