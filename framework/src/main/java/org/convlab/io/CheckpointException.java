package org.convlab.io;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file that cannot be read: missing, truncated, corrupted or of an unknown format. */
public final class CheckpointException extends IOException {
    public CheckpointException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public CheckpointException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
