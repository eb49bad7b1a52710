package org.convlab.experiments;

/**
 * A handle on the progress of one long task (epochs, trials). Close it when the task ends, best in
 * a try-with-resources block.
 */
public interface Progress extends AutoCloseable {

    /** One more unit of work done. */
    void step();

    /** A short status shown next to the bar, e.g. {@code "loss 0.0312"}. */
    void setExtra(String extra);

    @Override
    void close();

    /** A progress handle that shows nothing: for tests. */
    static Progress silent() {
        return SilentProgress.INSTANCE;
    }

    /**
     * A bar on a terminal; otherwise (a pipe, a log, CI) a plain line on standard output every
     * {@value LineProgress#DEFAULT_INTERVAL_SECONDS} seconds, so that a long task is never silent.
     */
    static Progress forConsole(String task, long total, boolean terminal) {
        return terminal ? new TerminalProgress(task, total)
                : new LineProgress(System.out, task, total, LineProgress.DEFAULT_INTERVAL_SECONDS, System::nanoTime);
    }
}
