package org.convlab.draw;

import java.awt.image.IndexColorModel;

/**
 * The GIF frames' palette: the drawing palette's colours and their tints exactly, then a colour
 * cube and a grey ramp for antialiased edges. Shared by all frames so nothing flickers.
 */
final class GifPalette {
    static final IndexColorModel MODEL = build();

    private GifPalette() {
    }

    private static IndexColorModel build() {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        int n = 0;
        java.awt.Color[] exact = {java.awt.Color.WHITE, Palette.INK, Palette.MUTED, Palette.GRID, Palette.PADDING,
            Palette.ORANGE, Palette.SKY_BLUE, Palette.BLUISH_GREEN, Palette.VERMILLION, Palette.BLUE,
            Palette.REDDISH_PURPLE, Palette.INPUT_FILL, Palette.OUTPUT_FILL, Palette.OUTPUT_DONE, Palette.FOOTPRINT, Palette.FOOTPRINT_ON_ZERO,
            Palette.KERNEL_FILL};
        for (java.awt.Color c : exact) {
            r[n] = (byte) c.getRed();
            g[n] = (byte) c.getGreen();
            b[n] = (byte) c.getBlue();
            n++;
        }
        for (int i = 0; i < 6; i++) {
            java.awt.Color c = Palette.category(i);
            for (double t : new double[] {0.2, 0.35, 0.55}) {
                java.awt.Color tc = Palette.tint(c, t);
                r[n] = (byte) tc.getRed();
                g[n] = (byte) tc.getGreen();
                b[n] = (byte) tc.getBlue();
                n++;
            }
        }
        for (int ri = 0; ri < 6; ri++) {
            for (int gi = 0; gi < 6; gi++) {
                for (int bi = 0; bi < 5; bi++) {
                    r[n] = (byte) (ri * 51);
                    g[n] = (byte) (gi * 51);
                    b[n] = (byte) (bi * 255 / 4);
                    n++;
                }
            }
        }
        int greys = n;
        while (n < 256) {
            int v = (n - greys) * 255 / (255 - greys);
            r[n] = (byte) v;
            g[n] = (byte) v;
            b[n] = (byte) v;
            n++;
        }
        return new IndexColorModel(8, 256, r, g, b);
    }

    /** The palette index nearest (in RGB distance) to each pixel, without dithering (crisp cells). */
    static java.awt.image.BufferedImage quantise(java.awt.image.BufferedImage rgb) {
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(rgb.getWidth(), rgb.getHeight(),
                java.awt.image.BufferedImage.TYPE_BYTE_INDEXED, MODEL);
        java.awt.image.WritableRaster raster = out.getRaster();
        java.util.Map<Integer, Integer> nearest = new java.util.HashMap<>();
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int p = rgb.getRGB(x, y) & 0xFFFFFF;
                raster.setSample(x, y, 0, nearest.computeIfAbsent(p, GifPalette::nearest));
            }
        }
        return out;
    }

    private static int nearest(int rgb) {
        int pr = (rgb >> 16) & 0xFF;
        int pg = (rgb >> 8) & 0xFF;
        int pb = rgb & 0xFF;
        int best = 0;
        long bestD = Long.MAX_VALUE;
        for (int i = 0; i < MODEL.getMapSize(); i++) {
            long dr = MODEL.getRed(i) - pr;
            long dg = MODEL.getGreen(i) - pg;
            long db = MODEL.getBlue(i) - pb;
            long d = dr * dr + dg * dg + db * db;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }
}
