package org.convlab.charts;

import java.awt.Color;
import java.util.List;

/**
 * The colours of every ConvLab chart: the Okabe–Ito palette, which stays distinguishable for the
 * common colour-vision deficiencies, without its yellow (invisible as a line on white).
 *
 * <p>Series take the colours in {@link #SERIES} order: the darkest, most distinct colours first, so
 * that a chart of two or three series never needs the lighter orange and sky blue.
 */
public final class Palette {

    public static final Color BLUE = new Color(0x0072B2);
    public static final Color VERMILLION = new Color(0xD55E00);
    public static final Color BLUISH_GREEN = new Color(0x009E73);
    public static final Color REDDISH_PURPLE = new Color(0xCC79A7);
    public static final Color ORANGE = new Color(0xE69F00);
    public static final Color SKY_BLUE = new Color(0x56B4E9);
    public static final Color BLACK = Color.BLACK;

    /** Okabe–Ito's yellow: for fills on a dark background only, never for a line or a bar on white. */
    public static final Color YELLOW = new Color(0xF0E442);

    /** Axis lines, grid lines and the frames of tiles. */
    public static final Color GRID = new Color(0xDDDDDD);
    public static final Color TEXT = new Color(0x222222);
    public static final Color MUTED_TEXT = new Color(0x555555);

    /** The colours of lines and bars, in the order series take them. */
    public static final List<Color> SERIES = List.of(BLUE, VERMILLION, BLUISH_GREEN, REDDISH_PURPLE, ORANGE,
            SKY_BLUE, BLACK);

    private Palette() {
    }

    /**
     * The colour a reference line takes in the hue of its measured line: the same hue, darker, so
     * that its dashes still show where it lies exactly on the measured line.
     */
    public static Color referenceShade(Color hue) {
        double keep = 0.55;
        return new Color((int) Math.round(hue.getRed() * keep), (int) Math.round(hue.getGreen() * keep),
                (int) Math.round(hue.getBlue() * keep));
    }

    /** The colour of the {@code i}-th series (or hue group); repeats after {@link #SERIES} runs out. */
    public static Color series(int i) {
        return SERIES.get(Math.floorMod(i, SERIES.size()));
    }
}
