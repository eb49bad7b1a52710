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
 * @param environment the commit, command line and machine of the run; null when unknown (a
 *     results.json written before it was recorded)
 */
public record RunReport(String createdAt, long seed, boolean quick, List<ExperimentResult> results,
        List<String> untested, RunEnvironment environment) {

    public RunReport {
        Objects.requireNonNull(createdAt, "createdAt");
        results = results == null ? List.of() : List.copyOf(results);
        untested = untested == null ? List.of() : List.copyOf(untested);
    }

    /** A report of a run in this process, with {@link RunEnvironment#current()}. */
    public RunReport(String createdAt, long seed, boolean quick, List<ExperimentResult> results,
            List<String> untested) {
        this(createdAt, seed, quick, results, untested, RunEnvironment.current());
    }
}
