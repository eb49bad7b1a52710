package org.convlab.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import org.convlab.experiments.Figure;

/** Formats measured and stated values for people: whole numbers exactly, others to 4 significant digits. */
final class Numbers {

    private static final MathContext FOUR_DIGITS = new MathContext(4);

    private Numbers() {
    }

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e9) {
            return new BigDecimal(value).round(FOUR_DIGITS).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", value);
    }

    /** The article's side of a figure: its number, its words, or a dash when it states nothing. */
    static String article(Figure figure) {
        if (figure.article() != null) {
            return format(figure.article());
        }
        return figure.articleText() != null ? figure.articleText() : "—";
    }
}
