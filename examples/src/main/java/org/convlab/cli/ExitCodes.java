package org.convlab.cli;

/** The exit statuses of {@code convlab}, listed in its help. */
final class ExitCodes {

    /** Every experiment reached a verdict (whatever it was), or the command succeeded. */
    static final int OK = 0;
    /** The command could not do its job: unwritable output, no benchmark matched, an I/O error. */
    static final int ERROR = 1;
    /** Bad command line: unknown option, unknown experiment id, invalid value. */
    static final int USAGE = 2;
    /** The report was written, but at least one experiment FAILED to test its claim. */
    static final int EXPERIMENT_FAILED = 3;

    private ExitCodes() {
    }
}
