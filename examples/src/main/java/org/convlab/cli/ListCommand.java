package org.convlab.cli;

import java.io.PrintWriter;
import java.util.List;
import org.convlab.experiments.ArticleClaim;
import org.convlab.experiments.Experiment;
import org.convlab.experiments.ExperimentRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code convlab list}: the experiments with their claims, then the claims still without one. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the experiments (in the order 'reproduce' runs them) and their claims.")
final class ListCommand implements Runnable {

    private final ExperimentRegistry registry;

    @Spec
    CommandSpec spec;

    ListCommand(ExperimentRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        List<Experiment> experiments = registry.all();
        List<ArticleClaim> untested = registry.untestedClaims();
        int longestId = Math.max(experiments.stream().mapToInt(e -> e.id().length()).max().orElse(0),
                untested.stream().mapToInt(c -> c.id().length()).max().orElse(0));
        int width = longestId + 2;
        if (experiments.isEmpty()) {
            out.println("No experiments registered yet.");
        } else {
            out.println("Experiments:");
            experiments.forEach(e -> out.printf("  %-" + width + "s%s%n", e.id(), oneLine(e.claim())));
        }
        if (!untested.isEmpty()) {
            out.println("Claims of the article without an experiment yet:");
            untested.forEach(c -> out.printf("  %-" + width + "s%s%n", c.id(), oneLine(c.claim())));
        }
        out.flush();
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
