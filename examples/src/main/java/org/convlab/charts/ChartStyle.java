package org.convlab.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The one look of every ConvLab chart: fonts, strokes, margins, white background, light grid.
 * Series colours come from {@link Palette}. The sizes are chosen for the width the report shows a
 * chart at (up to about 900 pixels), where 11-point tick labels are still legible.
 */
public final class ChartStyle {

    public static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    public static final Font PANEL_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    public static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    public static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    public static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    public static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    /** Space kept free around every chart, so that no title or label touches the image's edge. */
    public static final int MARGIN = 12;

    /** A measured line: solid. */
    public static final Stroke MEASURED_STROKE = new BasicStroke(2.2f, BasicStroke.CAP_ROUND,
            BasicStroke.JOIN_ROUND);
    /** A reference or formula line: dashed and thinner, so that a measured line under it shows through. */
    public static final Stroke REFERENCE_STROKE = new BasicStroke(1.8f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 6f}, 0f);

    private ChartStyle() {
    }

    /** Whether a stroke is the dashed kind that references are drawn with. */
    public static boolean isDashed(Stroke stroke) {
        return stroke instanceof BasicStroke basic && basic.getDashArray() != null
                && basic.getDashArray().length > 0;
    }

    /** Applies the fonts, background, margins and grid to a chart of any kind. */
    static void apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(MARGIN / 2.0, MARGIN, MARGIN / 2.0, MARGIN));
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(TITLE_FONT);
            title.setPaint(Palette.TEXT);
            title.setPadding(new RectangleInsets(4, 8, 8, 8));
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            Title subtitle = chart.getSubtitle(i);
            if (subtitle instanceof LegendTitle legend) {
                legend.setItemFont(LEGEND_FONT);
                legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
                legend.setBackgroundPaint(Color.WHITE);
            }
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Palette.GRID);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(Palette.GRID);
            xy.setRangeGridlinePaint(Palette.GRID);
            xy.setDomainGridlineStroke(new BasicStroke(1f));
            xy.setRangeGridlineStroke(new BasicStroke(1f));
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                axis(xy.getDomainAxis(i));
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                axis(xy.getRangeAxis(i));
            }
        } else if (plot instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(Palette.GRID);
            category.setRangeGridlineStroke(new BasicStroke(1f));
            CategoryAxis axis = category.getDomainAxis();
            axis(axis);
            // Wrap long category names onto up to three lines instead of cutting them to "Depthw...".
            axis.setMaximumCategoryLabelLines(3);
            axis.setMaximumCategoryLabelWidthRatio(1.0f);
            axis(category.getRangeAxis());
        }
    }

    private static void axis(Axis axis) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(LABEL_FONT);
        axis.setLabelPaint(Palette.TEXT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setTickLabelPaint(Palette.TEXT);
        axis.setAxisLinePaint(Palette.MUTED_TEXT);
        axis.setTickMarkPaint(Palette.MUTED_TEXT);
    }
}
