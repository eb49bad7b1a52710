package org.convlab.cli.train;

import java.util.regex.Pattern;

/** Quoting for a word shown in a command line the user copies into a POSIX shell. */
final class ShellWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ShellWords() {
    }

    /** The word as is when the shell leaves it alone, else in single quotes. */
    static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
