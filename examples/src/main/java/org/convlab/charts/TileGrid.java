package org.convlab.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Images in a grid, each under its caption, with a common title and a note on the grey/colour
 * scale at the bottom. Pixels are enlarged as blocks (nearest neighbour) because the images are
 * small kernels and feature maps whose individual values matter.
 */
final class TileGrid implements Drawing {

    static final int CELL = 112;
    static final int GAP = 14;
    static final int CAPTION = 18;
    static final int FOOTER = 26;
    private static final Font CAPTION_FONT = ChartStyle.CAPTION_FONT;

    private final String title;
    private final List<ImageTile> tiles;
    private final int columns;
    /** When positive, every tile is drawn on the one scale [-bound, bound], 0 mid-grey; else each on its own range. */
    private final double sharedBound;
    // Wide enough for the longest caption: captions are never cut short.
    private final int cellWidth;

    TileGrid(String title, List<ImageTile> tiles, int columns) {
        this(title, tiles, columns, 0);
    }

    TileGrid(String title, List<ImageTile> tiles, int columns, double sharedBound) {
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("tile grid '" + title + "' has no tiles");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, got " + columns);
        }
        this.title = title;
        this.tiles = List.copyOf(tiles);
        this.columns = Math.min(columns, tiles.size());
        this.sharedBound = sharedBound;
        double widest = tiles.stream().mapToDouble(t -> TextWrap.width(t.title(), CAPTION_FONT)).max().orElse(0);
        this.cellWidth = Math.max(CELL, (int) Math.ceil(widest) + 8);
    }

    int rows() {
        return (tiles.size() + columns - 1) / columns;
    }

    int preferredWidth() {
        return Math.max(360, 2 * ChartStyle.MARGIN + columns * (cellWidth + GAP) - GAP);
    }

    int preferredHeight() {
        return Heading.height(title, preferredWidth()) + rows() * (CAPTION + CELL + GAP) + FOOTER;
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        int top = Heading.draw(g, title, area);
        double left = area.getX() + (area.getWidth() - (columns * (cellWidth + GAP) - GAP)) / 2;
        g.setFont(CAPTION_FONT);
        FontMetrics metrics = g.getFontMetrics();
        for (int i = 0; i < tiles.size(); i++) {
            ImageTile tile = tiles.get(i);
            int x = (int) (left + (i % columns) * (cellWidth + GAP));
            int y = (int) area.getY() + top + (i / columns) * (CAPTION + CELL + GAP);
            g.setColor(Palette.TEXT);
            g.drawString(tile.title(), x + (cellWidth - metrics.stringWidth(tile.title())) / 2, y + CAPTION - 5);
            BufferedImage image = enlarged(tile, sharedBound);
            int imageX = x + (cellWidth - image.getWidth()) / 2;
            int imageY = y + CAPTION + (CELL - image.getHeight()) / 2;
            g.drawImage(image, imageX, imageY, null);
            g.setColor(Color.GRAY);
            g.drawRect(imageX - 1, imageY - 1, image.getWidth() + 1, image.getHeight() + 1);
        }
        g.setColor(Palette.MUTED_TEXT);
        String note = sharedBound > 0
                ? String.format(java.util.Locale.ROOT, "one scale for all tiles: 0 = mid-grey, each channel from"
                        + " -%.3g (dark) to +%.3g (bright)", sharedBound, sharedBound)
                : tiles.get(0).channels().length == 1
                ? "grey: each tile from its min (black) to max (white)"
                : "colour: each tile's RGB from its min to max";
        g.drawString(note, (int) area.getX() + ChartStyle.MARGIN, (int) area.getMaxY() - 9);
    }

    // Scales the tile to its own range (or the shared one), then enlarges each pixel to a block filling the cell.
    private static BufferedImage enlarged(ImageTile tile, double sharedBound) {
        int h = tile.height();
        int w = tile.width();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[][] channel : tile.channels()) {
            for (double[] row : channel) {
                for (double v : row) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (sharedBound > 0) {
            min = -sharedBound;
            max = sharedBound;
        }
        double range = max > min ? max - min : 1;
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int red = level(tile.channels()[0][r][c], min, range, max > min);
                int green = tile.channels().length == 3 ? level(tile.channels()[1][r][c], min, range, max > min) : red;
                int blue = tile.channels().length == 3 ? level(tile.channels()[2][r][c], min, range, max > min) : red;
                small.setRGB(c, r, (red << 16) | (green << 8) | blue);
            }
        }
        int longest = Math.max(h, w);
        // Small images grow by a whole factor (crisp blocks); large ones shrink to fit the cell.
        int outW = longest <= CELL ? w * (CELL / longest) : Math.max(1, w * CELL / longest);
        int outH = longest <= CELL ? h * (CELL / longest) : Math.max(1, h * CELL / longest);
        BufferedImage big = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, longest <= CELL
                ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, 0, 0, outW, outH, null);
        g.dispose();
        return big;
    }

    // A constant tile is drawn mid-grey rather than black, so that it does not look like a zero tile.
    private static int level(double v, double min, double range, boolean varies) {
        if (!varies) {
            return 128;
        }
        return (int) Math.round(255 * Math.min(1, Math.max(0, (v - min) / range)));
    }
}
