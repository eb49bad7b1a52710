package org.convlab.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convlab.experiments.Figure;

/**
 * Numbers, times and durations as a person writes them: whole numbers exactly (thousands grouped),
 * others to 4 significant digits, tiny and huge ones as {@code 6.7e-16} (2 significant digits: at
 * that size only the order of magnitude matters, e.g. a round-off error).
 */
public final class Numbers {

    // Double.toString's forms: a mantissa with an exponent (E, no plus sign), or 7 and more decimals.
    private static final Pattern RAW_NUMBER = Pattern.compile(
            "(?<![\\w.])-?(?:\\d\\.\\d+E-?\\d+|\\d+\\.\\d{7,})(?!\\w|\\.\\d)");
    private static final MathContext FOUR_DIGITS = new MathContext(4);
    private static final MathContext TWO_DIGITS = new MathContext(2);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Numbers() {
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            long whole = (long) value;
            return Math.abs(whole) >= 10_000 ? String.format(Locale.ROOT, "%,d", whole) : Long.toString(whole);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e9) {
            return new BigDecimal(value).round(FOUR_DIGITS).stripTrailingZeros().toPlainString();
        }
        return scientific(value);
    }

    // 6.661338147750939E-16 -> 6.7e-16; 3e9 stays 3e9.
    private static String scientific(double value) {
        BigDecimal rounded = new BigDecimal(value).round(TWO_DIGITS).stripTrailingZeros();
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + exponent;
    }

    /**
     * Text with the numbers a program printed raw made readable: Java's {@code 6.661338147750939E-16}
     * becomes {@code 6.7e-16} and {@code 0.30000000000000004} becomes {@code 0.3}; everything else,
     * including numbers already formatted, is left as it is.
     */
    static String humanise(String text) {
        Matcher m = RAW_NUMBER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(format(Double.parseDouble(m.group()))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The article's side of a figure: its number, its words, or a dash when it states nothing. */
    static String article(Figure figure) {
        if (figure.article() != null) {
            return format(figure.article());
        }
        return figure.articleText() != null ? figure.articleText() : "—";
    }

    /** An ISO-8601 instant as {@code 2 Dec 2026, 13:40 UTC}; anything else as given. */
    public static String timestamp(String iso) {
        try {
            return TIMESTAMP.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** A duration as {@code 0.3 s}, {@code 42 s} or {@code 3 min 07 s}. */
    static String duration(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        if (whole < 60) {
            return whole + " s";
        }
        return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }
}
