package org.convlab.cli;

import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/**
 * Number options read the way a user writes them, with messages in plain words: "'abc' is not an
 * integer" (not "a long"), and any spelling of NaN or infinity ("nan", "NaN", "inf") gets the same
 * "is not a finite number", instead of one spelling parsing and the other not.
 */
final class Converters {
    private Converters() {
    }

    /** Registers the converters on {@code cli} and every subcommand added so far. */
    static void register(CommandLine cli) {
        cli.registerConverter(Long.class, Converters::toLong);
        cli.registerConverter(long.class, Converters::toLong);
        cli.registerConverter(Integer.class, Converters::toInt);
        cli.registerConverter(int.class, Converters::toInt);
        cli.registerConverter(Double.class, Converters::toDouble);
        cli.registerConverter(double.class, Converters::toDouble);
    }

    static Long toLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not an integer");
        }
    }

    static Integer toInt(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not an integer"
                    + (text.strip().matches("[+-]?\\d+") ? " of at most 10 digits" : ""));
        }
    }

    static Double toDouble(String text) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
        if (lower.equals("nan") || lower.startsWith("inf")) {
            throw new TypeConversionException("'" + text + "' is not a finite number");
        }
        try {
            double value = Double.parseDouble(t);
            if (!Double.isFinite(value)) {
                throw new TypeConversionException("'" + text + "' is not a finite number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a number");
        }
    }
}
