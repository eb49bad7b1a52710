package org.convlab.optim;

/** Range checks for optimizer settings, with messages naming the optimizer, setting and range. */
final class OptimizerSettings {
    private OptimizerSettings() {
    }

    /** Fails unless {@code lo <= value < hi} (or {@code <= hi} when {@code hi} is not exclusive). */
    static void inRange(String optimizer, String setting, double value, double lo, boolean hiExclusive, double hi) {
        boolean ok = value >= lo && (hiExclusive ? value < hi : value <= hi);
        if (!ok) {
            String range = hi == Double.MAX_VALUE ? ">= " + lo : "in [" + lo + ", " + hi + (hiExclusive ? ")" : "]");
            throw new IllegalArgumentException(optimizer + ": " + setting + " must be finite and " + range
                    + ", got " + value);
        }
    }
}
