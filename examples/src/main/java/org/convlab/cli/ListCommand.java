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

    /** The line width; null for the terminal's ({@code COLUMNS}, else 80). Tests set it. */
    Integer width;

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
        int column = longestId + 4;
        int lineWidth = width != null ? width : TextWrap.terminalWidth();
        if (experiments.isEmpty()) {
            out.println("No experiments registered yet.");
        } else {
            out.println("Experiments:");
            experiments.forEach(e -> print(out, e.id(), e.claim(), column, lineWidth));
        }
        if (!untested.isEmpty()) {
            out.println("Claims of the article without an experiment yet:");
            untested.forEach(c -> print(out, c.id(), c.claim(), column, lineWidth));
        }
        out.flush();
    }

    // The id, then its claim wrapped to the width under a hanging indent.
    private static void print(PrintWriter out, String id, String claim, int column, int width) {
        String first = String.format("  %-" + (column - 2) + "s", id);
        TextWrap.lines(first, claim, Math.max(width, column + 20), column).forEach(out::println);
    }
}
