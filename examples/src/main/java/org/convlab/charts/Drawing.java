package org.convlab.charts;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/** Something that paints itself into a rectangle: a chart, a row of charts, a grid of tiles. */
@FunctionalInterface
interface Drawing {
    void draw(Graphics2D g, Rectangle2D area);
}
