package org.convlab.experiments;

import java.util.Objects;

/**
 * One number an experiment measured, next to the value the article states for it.
 *
 * <p>The article sometimes gives a number ({@code 86400} multiplications) and sometimes only words
 * ("about 12%", "looks like flip(g)"), so its side is either {@code article} or {@code articleText};
 * both are null when the article states nothing to compare with.
 *
 * @param name what was measured, e.g. "multiplications, depthwise separable"
 * @param measured the measured value
 * @param article the article's number, or null
 * @param articleText the article's words when it gives no plain number, or null
 * @param unit the unit or a short comment, e.g. "multiplications", "% of standard"; may be empty
 */
public record Figure(String name, double measured, Double article, String articleText, String unit) {

    public Figure {
        Objects.requireNonNull(name, "name");
        unit = unit == null ? "" : unit;
    }

    /** A measured value the article gives no number for. */
    public static Figure measured(String name, double measured, String unit) {
        return new Figure(name, measured, null, null, unit);
    }

    /** A measured value next to the article's number. */
    public static Figure versus(String name, double measured, double article, String unit) {
        return new Figure(name, measured, article, null, unit);
    }

    /** A measured value next to the article's words. */
    public static Figure versus(String name, double measured, String articleText, String unit) {
        return new Figure(name, measured, null, articleText, unit);
    }
}
