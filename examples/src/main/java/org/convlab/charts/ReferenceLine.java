package org.convlab.charts;

import java.util.Objects;

/**
 * A horizontal line at a value that the measured data is read against: a break-even at 1.0, the
 * best possible loss, the article's figure. Drawn dashed, over the data, with its label at the
 * right end, so that it is never taken for a measurement and never hides one.
 *
 * @param label what the level is, e.g. "break-even (1.0)"
 * @param value where it is on the value axis
 */
public record ReferenceLine(String label, double value) {

    public ReferenceLine {
        Objects.requireNonNull(label, "label");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("reference line '" + label + "' needs a finite value, got " + value);
        }
    }
}
