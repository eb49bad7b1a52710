package org.convlab.train;

/**
 * Asks the JVM for a garbage collection at most once per interval of training.
 *
 * <p>ND4J frees an array's off-heap memory only when the garbage collector finds its Java wrapper
 * unreachable, and ND4J's off-heap limit does not count the arrays its ops allocate. Once the layers
 * reuse their large buffers, a training step makes so little heap garbage that collections become
 * rare, while the arrays still created per step (convolution outputs and gradients) hold their
 * native memory until one happens: the small CNN's resident memory grew from 3.2 to 11.2 GB over
 * 3,000 steps. A collection of the small heap every few seconds bounds that growth for a cost of a
 * few milliseconds per interval.
 *
 * <p>The interval is {@value #DEFAULT_INTERVAL_MILLIS} ms; the system property
 * {@code convlab.gcIntervalMillis} changes it, and 0 turns the collections off.
 */
final class NativeMemoryReclaimer {
    static final long DEFAULT_INTERVAL_MILLIS = 2000;

    private final long intervalNanos;
    private long last = System.nanoTime();

    private NativeMemoryReclaimer(long intervalMillis) {
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    static NativeMemoryReclaimer fromSystemProperty() {
        String value = System.getProperty("convlab.gcIntervalMillis");
        long millis = DEFAULT_INTERVAL_MILLIS;
        if (value != null) {
            try {
                millis = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("convlab.gcIntervalMillis: expected a whole number of milliseconds"
                        + " (0 for never), got '" + value + "'", e);
            }
            if (millis < 0) {
                throw new IllegalArgumentException("convlab.gcIntervalMillis: expected 0 or more milliseconds, got "
                        + millis);
            }
        }
        return new NativeMemoryReclaimer(millis);
    }

    /** Called after every step; collects when the interval has passed since the last collection. */
    void afterStep() {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - last >= intervalNanos) {
            System.gc();
            last = System.nanoTime();
        }
    }
}
