package org.convlab.charts;

/**
 * One named line of a line chart: {@code y[i]} at {@code x[i]}.
 *
 * @param name the legend entry
 * @param x the x values
 * @param y the y values, as many as x values
 */
public record LineSeries(String name, double[] x, double[] y) {

    public LineSeries {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but "
                    + y.length + " y values");
        }
    }

    /** A series over x = 1, 2, ..., n (epochs, steps). */
    public static LineSeries ofSteps(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i] = i + 1;
        }
        return new LineSeries(name, x, y);
    }
}
