package org.convlab.cli;

import java.nio.file.Path;
import org.convlab.experiments.RunSettings;
import picocli.CommandLine.Option;

/** The options shared by {@code run} and {@code reproduce}. */
final class RunOptions {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report",
            description = "Directory for report.md, index.html, results.json and charts/ (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Random seed of every experiment (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quick", description = "Smaller budgets (fewer epochs and trials), the same verdict logic.")
    boolean quick;

    RunSettings settings() {
        return RunSettings.of(out, seed, quick);
    }
}
