package org.convlab.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.convlab.experiments.ArticleClaim;
import org.convlab.experiments.Experiment;
import org.convlab.experiments.ExperimentRegistry;
import org.convlab.experiments.ExperimentRunner;
import org.convlab.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code convlab run ID...}: the named experiments, in the order given, and their report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the named experiments (see 'convlab list') and update the report.",
            "Their results replace the earlier ones in --out; the results of the other experiments stay."})
final class RunCommand implements Callable<Integer> {

    private final ExperimentRegistry registry;

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "Experiment ids, e.g. dilated.")
    List<String> ids;

    RunCommand(ExperimentRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        // Every id is checked before anything runs: a typo in the last id must not waste the first run.
        List<Experiment> chosen = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            chosen.add(registry.find(id).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "unknown experiment id '" + id + "'; known ids: " + known())));
        }
        // Into an existing report: the chosen experiments replace their results, the others stay.
        RunReport report = new ExperimentRunner(options.settings(), spec.commandLine().getOut())
                .runAndMerge(chosen, registry.untestedClaims().stream().map(ArticleClaim::id).toList());
        return ReproduceCommand.exitCode(report);
    }

    private String known() {
        return registry.ids().isEmpty() ? "none registered yet" : String.join(", ", registry.ids());
    }
}
