package org.convlab.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Recognises a write that failed because the disk (or the user's quota) is full, and says so in
 * words: the operating system's "No space left on device" (ENOSPC) or "Disk quota exceeded" (EDQUOT)
 * reaches Java as a plain {@link IOException}.
 */
final class DiskFull {
    private DiskFull() {
    }

    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("no space left") || m.contains("disk quota exceeded") || m.contains("not enough space")) {
                return true;
            }
        }
        return false;
    }

    /** The failure restated: what could not be written, and that the previous file is intact. */
    static IOException explain(Path target, IOException e) {
        // The operating system's words only: its message may name the temporary file.
        return new IOException("disk full: cannot write " + target + " (no space left on the device); the previous "
                + target.getFileName() + " is left intact; free some space and save again", e);
    }
}
