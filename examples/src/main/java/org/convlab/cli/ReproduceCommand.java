package org.convlab.cli;

import java.util.concurrent.Callable;
import org.convlab.experiments.ArticleClaim;
import org.convlab.experiments.ExperimentRegistry;
import org.convlab.experiments.ExperimentRunner;
import org.convlab.experiments.Verdict;
import org.convlab.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code convlab reproduce}: every experiment in the article's order, and the full report. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Run every experiment in the article's order and write the report.")
final class ReproduceCommand implements Callable<Integer> {

    private final ExperimentRegistry registry;

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    ReproduceCommand(ExperimentRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        RunReport report = new ExperimentRunner(options.settings(), spec.commandLine().getOut())
                .run(registry.all(), registry.untestedClaims().stream().map(ArticleClaim::id).toList());
        if (registry.all().isEmpty()) {
            spec.commandLine().getOut().println("No experiments registered yet; the report lists the open claims.");
        }
        return exitCode(report);
    }

    static int exitCode(RunReport report) {
        boolean anyFailed = report.results().stream().anyMatch(r -> r.verdict() == Verdict.FAILED);
        return anyFailed ? ExitCodes.EXPERIMENT_FAILED : ExitCodes.OK;
    }
}
