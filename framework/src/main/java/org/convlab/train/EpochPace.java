package org.convlab.train;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The pace of the epoch in progress, for the progress displays: images per second and the time left
 * in the epoch, measured from the epoch's (or the resumed run's) first step.
 */
final class EpochPace {
    private final LongSupplier nanoTime;
    private long start;
    private int firstBatch;
    private int batches;
    private long images;

    EpochPace(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    void start(int batchesDone) {
        start = nanoTime.getAsLong();
        firstBatch = batchesDone;
        batches = batchesDone;
        images = 0;
    }

    void step(int examples) {
        batches++;
        images += examples;
    }

    /** Batches of the epoch done (including those before a resume). */
    int batches() {
        return batches;
    }

    double seconds() {
        return (nanoTime.getAsLong() - start) / 1e9;
    }

    double imagesPerSecond() {
        double s = seconds();
        return s > 0 ? images / s : 0;
    }

    /** Seconds left in an epoch of {@code total} batches at the pace so far; -1 when unknown. */
    double secondsLeft(int total) {
        int done = batches - firstBatch;
        if (total < 0 || done == 0) {
            return -1;
        }
        return seconds() / done * Math.max(0, total - batches);
    }

    /** "412 images/s, ETA 0:07" (the ETA left out when unknown). */
    String describe(int total) {
        String rate = String.format(Locale.ROOT, "%,.0f images/s", imagesPerSecond());
        double left = secondsLeft(total);
        return left < 0 ? rate : rate + ", ETA " + clock(left);
    }

    /** m:ss, or h:mm:ss from an hour on. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
