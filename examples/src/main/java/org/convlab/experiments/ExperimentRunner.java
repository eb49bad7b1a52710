package org.convlab.experiments;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.convlab.report.OutputDirectory;
import org.convlab.report.Plural;
import org.convlab.report.ReportMerge;
import org.convlab.report.ReportWriter;
import org.convlab.report.RunReport;

/**
 * Runs experiments one after the other, saying "experiment k/n: id" before each, and writes the
 * report. The output directory is checked before the first experiment starts, so that a typo in
 * {@code --out} does not cost a long run.
 * An experiment that throws becomes a {@link Verdict#FAILED} result and the run goes on.
 */
public final class ExperimentRunner {

    private static final int STACK_FRAMES_IN_EXPLANATION = 3;

    private final RunSettings settings;
    private final PrintWriter console;

    /** A runner that prints its summary lines to {@code console}. */
    public ExperimentRunner(RunSettings settings, PrintWriter console) {
        this.settings = settings;
        this.console = console;
    }

    /**
     * Runs {@code experiments} in order and writes results.json, report.md and index.html, replacing
     * any earlier report in the output directory (a full run, {@code reproduce}); the earlier report's
     * charts that this run did not draw again are removed.
     *
     * @param untested ids of claims without an experiment, listed in the report as still open
     * @throws org.convlab.report.UnwritableOutputException before anything runs, when the output
     *     directory cannot be written
     */
    public RunReport run(List<? extends Experiment> experiments, List<String> untested) throws IOException {
        return run(experiments, untested, false);
    }

    /**
     * As {@link #run}, but an earlier report in the output directory is updated rather than replaced
     * ({@code convlab run ID...}): the experiments that ran replace their earlier results, the others
     * stay, and the report and the console say which were re-run.
     */
    public RunReport runAndMerge(List<? extends Experiment> experiments, List<String> untested) throws IOException {
        return run(experiments, untested, true);
    }

    private RunReport run(List<? extends Experiment> experiments, List<String> untested, boolean merge)
            throws IOException {
        OutputDirectory.prepare(settings.outDir(), RunSettings.CHARTS);
        List<ExperimentResult> results = new ArrayList<>();
        RunStatus status = new RunStatus(experiments.size());
        Thread onCtrlC = new Thread(() -> status.sayInterrupted(console, settings.outDir()), "convlab-run-ctrl-c");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        int stale = 0;
        RunReport report;
        try {
            for (Experiment experiment : experiments) {
                status.starting(experiment.id());
                console.printf(Locale.ROOT, "experiment %d/%d: %s (%s) ...%n", status.number(), experiments.size(),
                        experiment.id(), experiment.title());
                console.flush();
                ExperimentResult result = runOne(experiment);
                results.add(result);
                console.printf(Locale.ROOT, "[%s] %s in %.1fs — %s%n", result.id(), result.verdict(),
                        result.durationSeconds(), result.headline());
                console.flush();
                if (results.size() < experiments.size()) {
                    // Saved as it goes: a run stopped later keeps this result, merged into the earlier report.
                    stale += write(results, untested, true).staleCharts().size();
                    status.saved(results.size());
                }
            }
            ReportMerge.Outcome outcome = write(results, untested, merge);
            stale += outcome.staleCharts().size();
            report = outcome.report();
            status.finished();
            Path where = settings.outDir().toAbsolutePath().normalize();
            if (report.isUpdate()) {
                console.printf("Report in %s updated: re-ran %s; kept the earlier results of %s (report.md, index.html, "
                        + "results.json)%n", where, String.join(", ", report.rerun()),
                        Plural.of(outcome.kept().size(), "other experiment"));
            } else {
                console.printf("Report written to %s (report.md, index.html, results.json)%n", where);
            }
            if (stale > 0) {
                console.printf("Removed %s of the earlier report that this run no longer draws%n",
                        Plural.of(stale, "chart file"));
            }
            console.flush();
        } finally {
            status.finished();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C during the last write: the hook runs and finds the run finished.
            }
        }
        return report;
    }

    /** Writes the report of {@code results} (merged into the directory's earlier one when {@code merge}). */
    private ReportMerge.Outcome write(List<ExperimentResult> results, List<String> untested, boolean merge)
            throws IOException {
        RunReport latest = new RunReport(Instant.now().toString(), settings.seed(), settings.quick(), results, untested);
        ReportMerge.Outcome outcome = ReportMerge.plan(settings.outDir(), latest, merge);
        ReportWriter.write(settings.outDir(), outcome.report());
        ReportMerge.removeStale(settings.outDir(), outcome.staleCharts());
        return outcome;
    }

    /** Runs one experiment; never throws for a failure of the experiment itself. */
    ExperimentResult runOne(Experiment experiment) {
        ExperimentContext ctx = new ExperimentContext(experiment, settings);
        long start = System.nanoTime();
        ExperimentResult result;
        try {
            result = experiment.run(ctx);
            if (result == null) {
                result = failed(experiment, "the experiment returned no result", "");
            }
        } catch (Throwable t) { // NOPMD: any failure of one experiment must not end the run
            ctx.log().debug("experiment failed", t);
            result = failed(experiment, summary(t), whereThrown(t));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // The experiment's identity and the run's settings are the runner's to state, not the result's.
        return result.toBuilder()
                .id(experiment.id())
                .title(experiment.title())
                .claim(experiment.claim())
                .articleQuote(experiment.articleQuote())
                .seed(settings.seed())
                .quick(settings.quick())
                .durationSeconds(seconds)
                .charts(ctx.charts().written())
                .build();
    }

    private static ExperimentResult failed(Experiment experiment, String error, String where) {
        return ExperimentResult.builder(experiment)
                .verdict(Verdict.FAILED)
                .headline("error: " + error.lines().findFirst().orElse(""))
                .explanation("The experiment stopped before reaching a verdict: " + error
                        + (where.isEmpty() ? "" : " (at " + where + ")"))
                .build();
    }

    private static String summary(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    // The top frames, so that the report points at the failing line without a full stack trace.
    private static String whereThrown(Throwable t) {
        return Arrays.stream(t.getStackTrace())
                .limit(STACK_FRAMES_IN_EXPLANATION)
                .map(StackTraceElement::toString)
                .collect(Collectors.joining(" < "));
    }
}
