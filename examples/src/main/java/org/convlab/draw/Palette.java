package org.convlab.draw;

import java.awt.Color;

/**
 * The one palette of every drawing: Okabe–Ito (colour-blind safe), used as fills and tints. The
 * roles follow vdumoulin/conv_arithmetic: input blue, kernel footprint orange, output green.
 */
final class Palette {
    static final Color ORANGE = new Color(0xE69F00);
    static final Color SKY_BLUE = new Color(0x56B4E9);
    static final Color BLUISH_GREEN = new Color(0x009E73);
    static final Color VERMILLION = new Color(0xD55E00);
    static final Color BLUE = new Color(0x0072B2);
    static final Color REDDISH_PURPLE = new Color(0xCC79A7);
    static final Color INK = new Color(0x222222);
    static final Color MUTED = new Color(0x666666);
    static final Color GRID = new Color(0x9A9A9A);
    static final Color PADDING = new Color(0xB0B0B0);

    static final Color INPUT_FILL = tint(SKY_BLUE, 0.35);
    static final Color OUTPUT_FILL = tint(BLUISH_GREEN, 0.22);
    static final Color OUTPUT_DONE = tint(BLUISH_GREEN, 0.55);
    static final Color FOOTPRINT = tint(ORANGE, 0.7);
    static final Color FOOTPRINT_ON_ZERO = tint(ORANGE, 0.35);
    static final Color KERNEL_FILL = tint(ORANGE, 0.25);

    /** Categorical colours for groups and channels, in order; no yellow (unreadable on white). */
    private static final Color[] CATEGORIES = {ORANGE, SKY_BLUE, BLUISH_GREEN, VERMILLION, REDDISH_PURPLE, BLUE};

    private Palette() {
    }

    static Color category(int i) {
        return CATEGORIES[Math.floorMod(i, CATEGORIES.length)];
    }

    /** {@code c} mixed with white: 0 is white, 1 is {@code c}. */
    static Color tint(Color c, double amount) {
        return new Color(mix(255, c.getRed(), amount), mix(255, c.getGreen(), amount), mix(255, c.getBlue(), amount));
    }

    private static int mix(int from, int to, double f) {
        return (int) Math.round(from + (to - from) * f);
    }
}
