package org.convlab.charts;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.LineMetrics;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * The title over a figure made of several parts (a grid of heatmaps or of images): centred, broken
 * at spaces into as many lines as the width needs, and kept {@link ChartStyle#MARGIN} from the edges.
 */
final class Heading {

    private static final int GAP_BELOW = 8;

    private Heading() {
    }

    /** The height the title takes over a figure {@code width} pixels wide. */
    static int height(String title, double width) {
        return ChartStyle.MARGIN + lines(title, width).size() * lineHeight() + GAP_BELOW;
    }

    /** Draws the title at the top of {@code area}; returns the height it took. */
    static int draw(Graphics2D g, String title, Rectangle2D area) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(ChartStyle.TITLE_FONT);
        g.setColor(Palette.TEXT);
        List<String> lines = lines(title, area.getWidth());
        LineMetrics metrics = ChartStyle.TITLE_FONT.getLineMetrics(title, g.getFontRenderContext());
        double y = area.getY() + ChartStyle.MARGIN + metrics.getAscent();
        for (String line : lines) {
            double width = TextWrap.width(line, ChartStyle.TITLE_FONT);
            g.drawString(line, (float) (area.getCenterX() - width / 2), (float) y);
            y += lineHeight();
        }
        return height(title, area.getWidth());
    }

    private static List<String> lines(String title, double width) {
        return TextWrap.lines(title, ChartStyle.TITLE_FONT, width - 2 * ChartStyle.MARGIN);
    }

    private static int lineHeight() {
        return (int) Math.ceil(ChartStyle.TITLE_FONT.getSize2D() * 1.3);
    }
}
