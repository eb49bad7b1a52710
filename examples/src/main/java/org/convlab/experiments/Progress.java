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

    /** A progress handle that shows nothing: for pipes, logs and tests. */
    static Progress silent() {
        return SilentProgress.INSTANCE;
    }
}
