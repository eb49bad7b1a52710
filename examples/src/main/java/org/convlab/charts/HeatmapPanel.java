package org.convlab.charts;

/**
 * One titled heatmap of a row, e.g. "g", "flip(g)", "learned".
 *
 * @param title the panel's title
 * @param values row-major values, {@code values[row][column]}; every row the same length
 */
public record HeatmapPanel(String title, double[][] values) {

    public HeatmapPanel {
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("heatmap '" + title + "' is empty");
        }
        for (double[] row : values) {
            if (row.length != values[0].length) {
                throw new IllegalArgumentException("heatmap '" + title + "' has rows of different lengths");
            }
        }
    }
}
