package org.convlab.charts;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.PaintScaleLegend;

/**
 * Heatmap panels in a grid under one title, sharing one colour scale whose legend stands once at
 * the right. At most three panels a row, so that each stays large enough to read at the width of
 * the report page; four panels make a 2 x 2 grid.
 */
final class HeatmapGrid implements Drawing {

    static final int PANEL = 300;
    static final int LEGEND_WIDTH = 96;

    private final String title;
    private final List<JFreeChart> panels;
    private final PaintScaleLegend legend;
    private final int columns;

    HeatmapGrid(String title, List<JFreeChart> panels, PaintScaleLegend legend) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("heatmap grid '" + title + "' has no panels");
        }
        this.title = title;
        this.panels = List.copyOf(panels);
        this.legend = legend;
        this.columns = columnsFor(panels.size());
    }

    /** Panels per row: all of them up to three, two for four, three beyond. */
    static int columnsFor(int panels) {
        return panels <= 3 ? panels : panels == 4 ? 2 : 3;
    }

    int columns() {
        return columns;
    }

    int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    int preferredWidth() {
        return Math.max(480, columns * PANEL + LEGEND_WIDTH + 2 * ChartStyle.MARGIN);
    }

    int preferredHeight() {
        return Heading.height(title, preferredWidth()) + rows() * PANEL + ChartStyle.MARGIN;
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        int top = Heading.draw(g, title, area);
        double gridWidth = area.getWidth() - LEGEND_WIDTH - 2 * ChartStyle.MARGIN;
        double cellWidth = gridWidth / columns;
        double cellHeight = (area.getHeight() - top - ChartStyle.MARGIN) / rows();
        // Centre a short last row under the full ones.
        for (int i = 0; i < panels.size(); i++) {
            int row = i / columns;
            int inRow = Math.min(columns, panels.size() - row * columns);
            double left = area.getX() + ChartStyle.MARGIN + (columns - inRow) * cellWidth / 2;
            panels.get(i).draw(g, new Rectangle2D.Double(left + (i % columns) * cellWidth,
                    area.getY() + top + row * cellHeight, cellWidth, cellHeight));
        }
        double legendTop = area.getY() + top + cellHeight * 0.08;
        double legendHeight = rows() * cellHeight - cellHeight * 0.2;
        legend.draw(g, new Rectangle2D.Double(area.getMaxX() - ChartStyle.MARGIN - LEGEND_WIDTH, legendTop,
                LEGEND_WIDTH, legendHeight));
    }
}
