package org.convlab.report;

import java.util.Locale;

/** A count with its noun in the right number: "1 experiment", "9 experiments", "1 trained epoch". */
public final class Plural {
    private Plural() {
    }

    /** {@code count} and {@code singular}, with an "s" on the last word unless the count is 1. */
    public static String of(long count, String singular) {
        return of(count, singular, singular + "s");
    }

    public static String of(long count, String singular, String plural) {
        return String.format(Locale.ROOT, "%d %s", count, count == 1 ? singular : plural);
    }
}
