package org.convlab.charts;

import java.awt.Color;
import java.awt.Paint;
import java.util.List;
import org.jfree.chart.renderer.PaintScale;

/**
 * Maps a value to a colour by interpolating between evenly spaced anchor colours.
 * {@link #forValues} picks a diverging scale centred on zero for signed data (so that the sign
 * reads at a glance) and a sequential one for non-negative data.
 */
final class ColourScale implements PaintScale {

    // Blue, white, red: negative, zero, positive.
    private static final Color[] DIVERGING = {
        new Color(33, 102, 172), new Color(146, 197, 222), Color.WHITE, new Color(244, 165, 130),
        new Color(178, 24, 43)};
    // Viridis anchors: monotone in lightness, readable in grayscale print.
    private static final Color[] SEQUENTIAL = {
        new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140), new Color(94, 201, 98),
        new Color(253, 231, 37)};

    private final double lower;
    private final double upper;
    private final Color[] anchors;

    private ColourScale(double lower, double upper, Color[] anchors) {
        this.lower = lower;
        this.upper = upper;
        this.anchors = anchors;
    }

    // White to Okabe-Ito blue: counts, where zero should read as empty paper.
    private static final Color[] COUNTS = {
        Color.WHITE, new Color(198, 219, 239), new Color(107, 174, 214), new Color(33, 113, 181),
        new Color(8, 48, 107)};

    /** A diverging scale symmetric about zero if any value is negative, a sequential one otherwise. */
    static ColourScale forValues(double[][] values) {
        return forPanels(List.<double[][]>of(values));
    }

    /**
     * One scale for several matrices that are compared with each other (g, flip(g), learned), so that
     * a colour means the same value in every panel.
     */
    static ColourScale forPanels(List<double[][]> panels) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[][] values : panels) {
            for (double[] row : values) {
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
        }
        if (min > max) { // no finite value at all
            return new ColourScale(0, 1, SEQUENTIAL);
        }
        if (min < 0) {
            double bound = Math.max(Math.abs(min), Math.abs(max));
            return new ColourScale(-bound, bound, DIVERGING);
        }
        return new ColourScale(min, max > min ? max : min + 1, SEQUENTIAL);
    }

    /** Counts from 0 (white) to {@code max} (dark blue). */
    static ColourScale forCounts(double max) {
        return new ColourScale(0, max > 0 ? max : 1, COUNTS);
    }

    /** Whether text on this value's colour should be white rather than black. */
    boolean isDark(double value) {
        Color c = (Color) getPaint(value);
        double luminance = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
        return luminance < 128;
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        if (!Double.isFinite(value)) {
            return Color.LIGHT_GRAY;
        }
        double t = Math.min(1, Math.max(0, (value - lower) / (upper - lower))) * (anchors.length - 1);
        int i = Math.min((int) t, anchors.length - 2);
        double f = t - i;
        Color a = anchors[i];
        Color b = anchors[i + 1];
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f),
                mix(a.getBlue(), b.getBlue(), f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
