package org.convlab.cli;

import java.util.ArrayList;
import java.util.List;

/** Wraps text at spaces to a width, with a hanging indent: words (ids, file names) are never split. */
final class TextWrap {
    private TextWrap() {
    }

    /**
     * {@code first} then the words of {@code text}, in lines of at most {@code width} characters
     * (a single word longer than that gets a line of its own); lines after the first start with
     * {@code indent} spaces.
     */
    static List<String> lines(String first, String text, int width, int indent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!empty && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(" ".repeat(indent));
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        lines.add(line.toString());
        return lines;
    }

    /** The terminal's width from {@code COLUMNS}, else 80 (a pipe or a log). */
    static int terminalWidth() {
        String columns = System.getenv("COLUMNS");
        if (columns != null) {
            try {
                int w = Integer.parseInt(columns.strip());
                if (w >= 40) {
                    return w;
                }
            } catch (NumberFormatException ignored) {
                // not a number: fall back
            }
        }
        return 80;
    }
}
