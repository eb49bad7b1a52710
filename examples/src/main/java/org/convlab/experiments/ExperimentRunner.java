package org.convlab.experiments;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.convlab.report.OutputDirectory;
import org.convlab.report.ReportWriter;
import org.convlab.report.RunReport;

/**
 * Runs experiments one after the other and writes the report. The output directory is checked
 * before the first experiment starts, so that a typo in {@code --out} does not cost a long run.
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
     * Runs {@code experiments} in order and writes results.json, report.md and index.html.
     *
     * @param untested ids of claims without an experiment, listed in the report as still open
     * @throws org.convlab.report.UnwritableOutputException before anything runs, when the output
     *     directory cannot be written
     */
    public RunReport run(List<? extends Experiment> experiments, List<String> untested) throws IOException {
        OutputDirectory.prepare(settings.outDir(), RunSettings.CHARTS);
        List<ExperimentResult> results = new ArrayList<>();
        for (Experiment experiment : experiments) {
            ExperimentResult result = runOne(experiment);
            results.add(result);
            console.printf(Locale.ROOT, "[%s] %s in %.1fs — %s%n", result.id(), result.verdict(),
                    result.durationSeconds(), result.headline());
            console.flush();
        }
        RunReport report = new RunReport(Instant.now().toString(), settings.seed(), settings.quick(),
                results, untested);
        ReportWriter.write(settings.outDir(), report);
        console.printf("Report written to %s (report.md, index.html, results.json)%n",
                settings.outDir().toAbsolutePath().normalize());
        console.flush();
        return report;
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
