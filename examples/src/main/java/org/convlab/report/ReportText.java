package org.convlab.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.convlab.experiments.ExperimentResult;

/** Wording shared by the Markdown and the HTML report. */
final class ReportText {

    private ReportText() {
    }

    /** When the run ended, how many experiments it holds and how long they took. */
    static String runLine(RunReport report) {
        if (!report.isUpdate()) {
            return String.format(Locale.ROOT, "%s: %s, %s in total", Numbers.timestamp(report.createdAt()),
                    Plural.of(report.results().size(), "experiment"), Numbers.duration(totalSeconds(report)));
        }
        String budgets = report.quick() ? "quick (--quick)" : "full";
        int kept = report.results().size() - report.rerun().size();
        boolean mixed = report.results().stream().anyMatch(r -> r.seed() != report.seed() || r.quick() != report.quick());
        String others = kept == 1 ? "the result of the other experiment is" : "the results of the other " + kept
                + " experiments are";
        return String.format(Locale.ROOT, "Updated %s by 'convlab run': re-ran %s (seed %d, %s budgets); %s from the "
                + "run of %s%s.", Numbers.timestamp(report.createdAt()), String.join(", ", report.rerun()), report.seed(),
                budgets, others, Numbers.timestamp(report.earlierRun()),
                mixed ? " (with other settings: each experiment states its seed and budgets)" : "");
    }

    /** The time of all experiments together (after a merge of partial runs, of the runs' experiments). */
    static double totalSeconds(RunReport report) {
        return report.results().stream().mapToDouble(ExperimentResult::durationSeconds).sum();
    }

    /** The header's rows: what a reader needs to reproduce the run, in reading order. */
    static Map<String, String> header(RunReport report) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Run", runLine(report));
        rows.put("Seed", report.seed() + (report.quick() ? " (quick budgets, --quick)" : " (full budgets)"));
        RunEnvironment env = report.environment();
        if (env == null) {
            rows.put("Machine", "not recorded");
            return rows;
        }
        rows.put("Command", env.commandLine().isEmpty() ? "(not run from the command line)" : env.commandLine());
        rows.put("Commit", env.commit());
        rows.put("Machine", env.cores() + (env.cores() == 1 ? " core, " : " cores, ") + env.cpu() + "; " + env.os());
        rows.put("Software", "Java " + env.java() + "; ND4J " + env.nd4j());
        return rows;
    }

    /** {@code charts/dilated-rf.png} → {@code dilated-rf}. */
    static String chartName(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
