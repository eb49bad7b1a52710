package org.convlab.report;

import java.util.Locale;

/** Wording shared by the Markdown and the HTML report. */
final class ReportText {

    private ReportText() {
    }

    static String runLine(RunReport report) {
        String budgets = report.quick() ? "quick (--quick)" : "full";
        if (!report.isUpdate()) {
            return String.format(Locale.ROOT, "Run of %s, seed %d, %s budgets, %s.", report.createdAt(),
                    report.seed(), budgets, Plural.of(report.results().size(), "experiment"));
        }
        int kept = report.results().size() - report.rerun().size();
        boolean mixed = report.results().stream().anyMatch(r -> r.seed() != report.seed() || r.quick() != report.quick());
        String others = kept == 1 ? "the result of the other experiment is" : "the results of the other " + kept
                + " experiments are";
        return String.format(Locale.ROOT, "Updated %s by 'convlab run': re-ran %s (seed %d, %s budgets); %s from the "
                + "run of %s%s.", report.createdAt(), String.join(", ", report.rerun()), report.seed(), budgets, others,
                report.earlierRun(), mixed ? " (with other settings: each experiment states its seed and budgets)" : "");
    }

    /** {@code charts/dilated-rf.png} → {@code dilated-rf}. */
    static String chartName(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
