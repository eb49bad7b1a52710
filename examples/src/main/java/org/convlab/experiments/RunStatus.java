package org.convlab.experiments;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.convlab.report.Plural;

/**
 * Where a run of experiments stands, for the message after Ctrl-C: which experiment was cut short
 * and how many results the report in the output directory already holds. Read by the JVM's shutdown
 * hook thread, hence synchronised.
 */
final class RunStatus {
    private final int total;
    private int number;
    private String current;
    private int saved;
    private boolean finished;

    RunStatus(int total) {
        this.total = total;
    }

    synchronized void starting(String id) {
        number++;
        current = id;
    }

    synchronized int number() {
        return number;
    }

    synchronized void saved(int results) {
        saved = results;
    }

    synchronized void finished() {
        finished = true;
    }

    /** After Ctrl-C: what was cut short, and what the report keeps. Nothing once the run finished. */
    synchronized void sayInterrupted(PrintWriter console, Path outDir) {
        if (finished) {
            return;
        }
        String where = outDir.toAbsolutePath().normalize().toString();
        console.printf("%ninterrupted during experiment %d/%d (%s): %s%n", number, total, current,
                saved == 0 ? "no result of this run was saved; the report in " + where + " is as it was"
                        : "the report in " + where + " holds the " + Plural.of(saved, "finished experiment")
                                + " of this run, merged into any earlier report");
        console.flush();
    }
}
