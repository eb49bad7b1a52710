package org.convlab.data;

/**
 * A data set could not be read or built: a missing file, a malformed file, or inconsistent parts.
 * The message names the file (or source) involved, what was expected and what was found.
 */
public class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
