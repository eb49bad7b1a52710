package org.convlab.report;

import java.util.List;
import java.util.Objects;
import org.convlab.experiments.ExperimentResult;

/**
 * Everything one run produced; the content of {@code results.json}.
 *
 * @param createdAt when the run ended, ISO-8601 UTC
 * @param seed the run's seed
 * @param quick whether the small budgets were used
 * @param results one result per experiment, in run order
 * @param untested ids of the article's claims that no experiment checks yet
 * @param rerun when {@code convlab run} updated an earlier report: the ids it ran (their results
 *     replaced the earlier ones); empty for a report written by one run alone
 * @param earlierRun when {@link #rerun} is not empty: the {@code createdAt} of the report it
 *     updated, where the other results come from
 * @param environment the commit, command line and machine of the run; null when unknown (a
 *     results.json written before it was recorded)
 */
public record RunReport(String createdAt, long seed, boolean quick, List<ExperimentResult> results,
        List<String> untested, List<String> rerun, String earlierRun, RunEnvironment environment) {

    public RunReport {
        Objects.requireNonNull(createdAt, "createdAt");
        results = results == null ? List.of() : List.copyOf(results);
        untested = untested == null ? List.of() : List.copyOf(untested);
        rerun = rerun == null ? List.of() : List.copyOf(rerun);
    }

    /** A report that updates an earlier one, run in this process ({@link RunEnvironment#current()}). */
    public RunReport(String createdAt, long seed, boolean quick, List<ExperimentResult> results, List<String> untested,
            List<String> rerun, String earlierRun) {
        this(createdAt, seed, quick, results, untested, rerun, earlierRun, RunEnvironment.current());
    }

    /** The report of one run on its own, in the given environment. */
    public RunReport(String createdAt, long seed, boolean quick, List<ExperimentResult> results, List<String> untested,
            RunEnvironment environment) {
        this(createdAt, seed, quick, results, untested, List.of(), null, environment);
    }

    /** True when this report is an earlier one with some experiments re-run. */
    public boolean isUpdate() {
        return !rerun.isEmpty();
    }

    /** The report of one run on its own, in this process ({@link RunEnvironment#current()}). */
    public RunReport(String createdAt, long seed, boolean quick, List<ExperimentResult> results,
            List<String> untested) {
        this(createdAt, seed, quick, results, untested, RunEnvironment.current());
    }
}
