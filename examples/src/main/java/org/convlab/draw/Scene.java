package org.convlab.draw;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One picture as a list of marks (cells, text, arrows) in pixel coordinates, painted in order on
 * any {@link Graphics2D}: the same scene becomes the PNG, the SVG and a GIF frame. Cells carry a
 * {@link CellTag} that says which array element they show, so tests can read what was drawn.
 */
final class Scene {

    /**
     * What a cell shows: grid name (e.g. "stage0.input", "stage0.output", "C"), its index on that
     * grid (padding cells have indices outside it), its role, the kernel element it is multiplied
     * by when it lies under the kernel (else null), and whether it is the output being computed.
     */
    record CellTag(String grid, int[] index, Role role, int[] weight, boolean current) {
    }

    enum Role { INPUT, PADDING, INSERTED_ZERO, KERNEL, OUTPUT, MATRIX }

    /** Horizontal anchor of a text. */
    enum Align { LEFT, CENTER, RIGHT }

    sealed interface Mark permits Cell, Text, Arrow, Line {
    }

    /**
     * A square cell; {@code footprint} shades it as covered by the kernel; {@code corner} is the small
     * text at the bottom right (the kernel element a tap multiplies).
     */
    record Cell(double x, double y, double w, double h, Color fill, Color border, boolean dashed, float borderWidth,
            String text, Color textColor, float fontSize, String corner, CellTag tag) implements Mark {
    }

    record Text(double x, double y, String text, float size, boolean bold, Color color, Align align) implements Mark {
    }

    record Arrow(double x1, double y1, double x2, double y2, Color color) implements Mark {
    }

    record Line(double x1, double y1, double x2, double y2, Color color, boolean dashed) implements Mark {
    }

    static final String FONT = "SansSerif";
    private static final FontRenderContext MEASURE = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB)
            .createGraphics().getFontRenderContext();

    private final List<Mark> marks = new ArrayList<>();
    private double width;
    private double height;

    Scene add(Mark m) {
        marks.add(m);
        return this;
    }

    List<Mark> marks() {
        return Collections.unmodifiableList(marks);
    }

    /** The cells whose tag names {@code grid}. */
    List<Cell> cells(String grid) {
        List<Cell> out = new ArrayList<>();
        for (Mark m : marks) {
            if (m instanceof Cell c && c.tag() != null && c.tag().grid().equals(grid)) {
                out.add(c);
            }
        }
        return out;
    }

    void size(double w, double h) {
        this.width = w;
        this.height = h;
    }

    int width() {
        return (int) Math.ceil(width);
    }

    int height() {
        return (int) Math.ceil(height);
    }

    static Font font(float size, boolean bold) {
        return new Font(FONT, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(size);
    }

    /** The width of {@code text} in pixels, as painted (for layout: labels must never overlap). */
    static double textWidth(String text, float size, boolean bold) {
        return font(size, bold).getStringBounds(plain(text), MEASURE).getWidth() * (text.contains("_") ? 0.92 : 1.0);
    }

    // A '_' starts a subscript ("w_1,2"); for measuring, the subscript counts nearly full width.
    private static String plain(String text) {
        return text.replace("_", "");
    }

    void paint(Graphics2D g) {
        for (Mark m : marks) {
            if (m instanceof Cell c) {
                paintCell(g, c);
            } else if (m instanceof Text t) {
                paintText(g, t.text(), t.x(), t.y(), t.size(), t.bold(), t.color(), t.align());
            } else if (m instanceof Arrow a) {
                paintArrow(g, a);
            } else if (m instanceof Line l) {
                g.setColor(l.color());
                g.setStroke(stroke(1.2f, l.dashed()));
                g.draw(new Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()));
            }
        }
    }

    private static void paintCell(Graphics2D g, Cell c) {
        Rectangle2D r = new Rectangle2D.Double(c.x(), c.y(), c.w(), c.h());
        if (c.fill() != null) {
            g.setColor(c.fill());
            g.fill(r);
        }
        if (c.border() != null) {
            g.setColor(c.border());
            g.setStroke(stroke(c.borderWidth(), c.dashed()));
            g.draw(r);
        }
        if (c.text() != null && !c.text().isEmpty()) {
            double y = c.y() + c.h() / 2 + c.fontSize() * 0.36;
            if (c.corner() != null) {
                y -= c.h() * 0.1;
            }
            paintText(g, c.text(), c.x() + c.w() / 2, y, c.fontSize(), false, c.textColor(), Align.CENTER);
        }
        if (c.corner() != null && !c.corner().isEmpty()) {
            float size = Math.max(8f, (float) (c.h() * 0.27));
            paintText(g, c.corner(), c.x() + c.w() - 2.5, c.y() + c.h() - 3, size, false, Palette.INK, Align.RIGHT);
        }
    }

    private static void paintText(Graphics2D g, String text, double x, double y, float size, boolean bold,
            Color color, Align align) {
        String main = text;
        String sub = null;
        int u = text.indexOf('_');
        if (u >= 0) {
            main = text.substring(0, u);
            sub = text.substring(u + 1);
        }
        Font f = font(size, bold);
        Font fs = font(size * 0.68f, bold);
        g.setFont(f);
        FontMetrics fm = g.getFontMetrics(f);
        double wMain = fm.getStringBounds(main, g).getWidth();
        double wSub = sub == null ? 0 : g.getFontMetrics(fs).getStringBounds(sub, g).getWidth();
        double total = wMain + wSub;
        double x0 = switch (align) {
            case LEFT -> x;
            case CENTER -> x - total / 2;
            case RIGHT -> x - total;
        };
        g.setColor(color);
        g.drawString(main, (float) x0, (float) y);
        if (sub != null) {
            g.setFont(fs);
            g.drawString(sub, (float) (x0 + wMain), (float) (y + size * 0.22));
        }
    }

    private static void paintArrow(Graphics2D g, Arrow a) {
        g.setColor(a.color());
        g.setStroke(stroke(1.6f, false));
        double dx = a.x2() - a.x1();
        double dy = a.y2() - a.y1();
        double len = Math.hypot(dx, dy);
        double head = 8;
        double ux = dx / len;
        double uy = dy / len;
        g.draw(new Line2D.Double(a.x1(), a.y1(), a.x2() - ux * head * 0.8, a.y2() - uy * head * 0.8));
        Path2D tip = new Path2D.Double();
        tip.moveTo(a.x2(), a.y2());
        tip.lineTo(a.x2() - ux * head - uy * head * 0.45, a.y2() - uy * head + ux * head * 0.45);
        tip.lineTo(a.x2() - ux * head + uy * head * 0.45, a.y2() - uy * head - ux * head * 0.45);
        tip.closePath();
        g.fill(tip);
    }

    private static Stroke stroke(float width, boolean dashed) {
        return dashed ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {3.5f, 2.5f}, 0f) : new BasicStroke(width);
    }

}
