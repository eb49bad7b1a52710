package org.convlab.charts;

import java.awt.Shape;
import java.awt.geom.Line2D;
import org.jfree.chart.LegendItem;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/**
 * Draws the lines of a line chart in ConvLab's grammar: measured lines solid with a marker shape of
 * their own, reference lines dashed without markers. On a long series the markers sit only on a
 * few points, staggered from one series to the next, so that two measured lines that coincide
 * (two loss curves on the same noise floor) still show both their shapes.
 */
final class LineRenderer extends XYLineAndShapeRenderer {

    private static final long serialVersionUID = 1L;
    /** A series this short gets a marker on every point. */
    static final int MARK_EVERY_POINT_UP_TO = 30;
    private static final int MARKS_PER_LONG_SERIES = 12;
    private static final Shape[] SHAPES = DefaultDrawingSupplier.createStandardSeriesShapes();

    private final int[] step;
    private final int[] offset;
    private final boolean[] reference;

    /**
     * @param lengths the number of points of each series, in dataset order
     * @param reference whether each series is a reference line
     */
    LineRenderer(int[] lengths, boolean[] reference) {
        super(true, true);
        this.reference = reference.clone();
        this.step = new int[lengths.length];
        this.offset = new int[lengths.length];
        int measured = 0;
        for (boolean r : reference) {
            measured += r ? 0 : 1;
        }
        int k = 0;
        for (int s = 0; s < lengths.length; s++) {
            if (reference[s]) {
                continue;
            }
            step[s] = lengths[s] <= MARK_EVERY_POINT_UP_TO ? 1 : Math.max(1, lengths[s] / MARKS_PER_LONG_SERIES);
            offset[s] = step[s] == 1 ? 0 : (int) ((long) step[s] * k / Math.max(1, measured)) + step[s] / 2;
            setSeriesShape(s, SHAPES[k % SHAPES.length]);
            k++;
        }
        // One path per series: a dash pattern restarted at every point would look solid.
        setDrawSeriesLineAsPath(true);
        setLegendLine(new Line2D.Double(-14, 0, 14, 0));
    }

    @Override
    public boolean getItemShapeVisible(int series, int item) {
        if (series >= step.length || reference[series]) {
            return false;
        }
        return item % step[series] == offset[series] % step[series];
    }

    @Override
    public LegendItem getLegendItem(int datasetIndex, int series) {
        LegendItem item = super.getLegendItem(datasetIndex, series);
        if (item != null && series < reference.length) {
            item.setShapeVisible(!reference[series]);
            item.setLineVisible(true);
        }
        return item;
    }

    boolean isReference(int series) {
        return reference[series];
    }
}
