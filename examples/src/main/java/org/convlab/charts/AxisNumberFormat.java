package org.convlab.charts;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Tick labels for a log axis: plain numbers in the readable middle range ("0.01", "250"), and
 * scientific notation ("1E-6", "3E9") outside it, instead of JFreeChart's fractional powers of ten.
 */
final class AxisNumberFormat extends NumberFormat {

    private static final long serialVersionUID = 1L;
    private final DecimalFormat plain = new DecimalFormat("0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
    private final DecimalFormat scientific = new DecimalFormat("0.##E0", DecimalFormatSymbols.getInstance(Locale.ROOT));

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        double magnitude = Math.abs(number);
        boolean readable = magnitude == 0 || (magnitude >= 1e-3 && magnitude < 1e6);
        return (readable ? plain : scientific).format(number, toAppendTo, pos);
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return format((double) number, toAppendTo, pos);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        return plain.parse(source, parsePosition);
    }
}
