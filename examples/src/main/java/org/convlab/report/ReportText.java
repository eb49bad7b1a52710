package org.convlab.report;

import java.util.Locale;

/** Wording shared by the Markdown and the HTML report. */
final class ReportText {

    private ReportText() {
    }

    static String runLine(RunReport report) {
        return String.format(Locale.ROOT, "Run of %s, seed %d, %s budgets, %d experiment(s).",
                report.createdAt(), report.seed(), report.quick() ? "quick (--quick)" : "full",
                report.results().size());
    }

    /** {@code charts/dilated-rf.png} → {@code dilated-rf}. */
    static String chartName(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
