package org.convlab.report;

import java.io.IOException;

/** The output directory cannot be created or written; the message says which path and why. */
public final class UnwritableOutputException extends IOException {

    public UnwritableOutputException(String message) {
        super(message);
    }

    public UnwritableOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
