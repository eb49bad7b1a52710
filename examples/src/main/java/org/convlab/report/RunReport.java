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
 */
public record RunReport(String createdAt, long seed, boolean quick, List<ExperimentResult> results,
        List<String> untested) {

    public RunReport {
        Objects.requireNonNull(createdAt, "createdAt");
        results = results == null ? List.of() : List.copyOf(results);
        untested = untested == null ? List.of() : List.copyOf(untested);
    }
}
