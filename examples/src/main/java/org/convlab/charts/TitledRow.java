package org.convlab.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;

/** Several charts side by side under one common title. */
final class TitledRow implements Drawing {

    static final int TITLE_HEIGHT = 36;
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);

    private final String title;
    private final List<JFreeChart> charts;

    TitledRow(String title, List<JFreeChart> charts) {
        this.title = title;
        this.charts = List.copyOf(charts);
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        drawTitle(g, title, area);
        double width = area.getWidth() / charts.size();
        for (int i = 0; i < charts.size(); i++) {
            charts.get(i).draw(g, new Rectangle2D.Double(area.getX() + i * width, area.getY() + TITLE_HEIGHT,
                    width, area.getHeight() - TITLE_HEIGHT));
        }
    }

    /** Draws {@code title} centred at the top of {@code area}, in {@link #TITLE_HEIGHT} pixels. */
    static void drawTitle(Graphics2D g, String title, Rectangle2D area) {
        g.setFont(TITLE_FONT);
        g.setColor(Color.BLACK);
        FontMetrics metrics = g.getFontMetrics();
        int x = (int) (area.getCenterX() - metrics.stringWidth(title) / 2.0);
        g.drawString(title, Math.max((int) area.getX() + 4, x), (int) area.getY() + TITLE_HEIGHT - 10);
    }
}
