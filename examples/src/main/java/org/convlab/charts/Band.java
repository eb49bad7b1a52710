package org.convlab.charts;

/**
 * A shaded band of a line chart, e.g. where a statistic falls by chance: between {@code lower[i]}
 * and {@code upper[i]} at {@code x[i]}.
 *
 * @param name the legend entry, e.g. "relabelling null, min to 99th percentile"
 */
public record Band(String name, double[] x, double[] lower, double[] upper) {

    public Band {
        if (x.length != lower.length || x.length != upper.length) {
            throw new IllegalArgumentException("band '" + name + "' has " + x.length + " x values but "
                    + lower.length + " lower and " + upper.length + " upper values");
        }
    }
}
