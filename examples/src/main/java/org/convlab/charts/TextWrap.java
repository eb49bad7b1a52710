package org.convlab.charts;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks a title into lines at spaces only, so that a line never ends inside a token ("128-" /
 * "&gt;128", as JFreeChart's own wrapping does at hyphens) and never runs past the image's edge.
 */
final class TextWrap {

    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);

    private TextWrap() {
    }

    /** The lines of {@code text} in {@code font}, each at most {@code maxWidth} wide unless one word is wider. */
    static List<String> lines(String text, Font font, double maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.trim().split(" +")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (line.length() > 0 && width(candidate, font) > maxWidth) {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                } else {
                    line.setLength(0);
                    line.append(candidate);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** {@link #lines} joined with newlines, as JFreeChart's text titles take them. */
    static String wrap(String text, Font font, double maxWidth) {
        return String.join("\n", lines(text, font, maxWidth));
    }

    static double width(String text, Font font) {
        return font.getStringBounds(text, CONTEXT).getWidth();
    }
}
