package org.convlab.data.idx;

import org.convlab.data.DatasetException;

/**
 * An IDX file is malformed (bad magic number, wrong number of dimensions, wrong length, bad gzip
 * stream) or does not match its companion file. The message names the file, the expectation and
 * what was found.
 */
public class IdxFormatException extends DatasetException {
    private static final long serialVersionUID = 1L;

    public IdxFormatException(String message) {
        super(message);
    }

    public IdxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
