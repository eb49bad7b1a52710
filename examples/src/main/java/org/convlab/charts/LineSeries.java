package org.convlab.charts;

import java.util.Objects;

/**
 * One named line of a line chart: {@code y[i]} at {@code x[i]}.
 *
 * <p>A {@link Role#MEASURED} line is solid; a {@link Role#REFERENCE} line (a formula, the article's
 * numbers, a bound) is dashed, thinner and drawn after every measured line, so that where the two
 * agree the measured line still shows through the gaps of the dashes. Lines with the same
 * {@code hue} share a colour: give a measured line and its formula the same hue.
 *
 * @param name the legend entry
 * @param x the x values
 * @param y the y values, as many as x values
 * @param role measured (solid) or reference (dashed)
 * @param hue lines with the same hue share a colour; null for a colour of the line's own
 */
public record LineSeries(String name, double[] x, double[] y, Role role, String hue) {

    /** What a line is, which decides how it is drawn. */
    public enum Role {
        /** A measured line: solid, drawn first. */
        MEASURED,
        /** A formula, a stated value or a bound: dashed, drawn over the measured lines. */
        REFERENCE
    }

    public LineSeries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but "
                    + y.length + " y values");
        }
    }

    /** A measured line with a colour of its own. */
    public LineSeries(String name, double[] x, double[] y) {
        this(name, x, y, Role.MEASURED, null);
    }

    /** A series over x = 1, 2, ..., n (epochs, steps). */
    public static LineSeries ofSteps(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i] = i + 1;
        }
        return new LineSeries(name, x, y);
    }

    /** This line as a reference: dashed and drawn over the measured lines. */
    public LineSeries asReference() {
        return new LineSeries(name, x, y, Role.REFERENCE, hue);
    }

    /** This line in the colour shared by every line of the same {@code hue}, e.g. "m=3". */
    public LineSeries inHue(String hue) {
        return new LineSeries(name, x, y, role, Objects.requireNonNull(hue, "hue"));
    }

    /** The key that decides the colour: the hue, or the name for a line with a colour of its own. */
    String colourKey() {
        return hue != null ? hue : name;
    }
}
