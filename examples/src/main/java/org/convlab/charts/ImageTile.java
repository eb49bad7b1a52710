package org.convlab.charts;

/**
 * One titled image of a tile grid: a grayscale image ({@code channels.length == 1}) or an RGB one
 * ({@code channels.length == 3}), as {@code channels[c][row][column]}. Each tile is scaled from its
 * own minimum to its own maximum, because learned filters have no common range.
 *
 * @param title the tile's caption
 * @param channels one or three channels of equal size
 */
public record ImageTile(String title, double[][][] channels) {

    public ImageTile {
        if (channels.length != 1 && channels.length != 3) {
            throw new IllegalArgumentException("tile '" + title + "' has " + channels.length
                    + " channels; expected 1 (grayscale) or 3 (RGB)");
        }
        int h = channels[0].length;
        if (h == 0 || channels[0][0].length == 0) {
            throw new IllegalArgumentException("tile '" + title + "' is empty");
        }
        for (double[][] channel : channels) {
            if (channel.length != h) {
                throw new IllegalArgumentException("tile '" + title + "' has channels of different sizes");
            }
            for (double[] row : channel) {
                if (row.length != channels[0][0].length) {
                    throw new IllegalArgumentException("tile '" + title + "' has rows of different lengths");
                }
            }
        }
    }

    /** A grayscale tile. */
    public static ImageTile gray(String title, double[][] pixels) {
        return new ImageTile(title, new double[][][] {pixels});
    }

    /** An RGB tile from {@code rgb[channel][row][column]}, channel 0 red, 1 green, 2 blue. */
    public static ImageTile rgb(String title, double[][][] rgb) {
        return new ImageTile(title, rgb);
    }

    int height() {
        return channels[0].length;
    }

    int width() {
        return channels[0][0].length;
    }
}
