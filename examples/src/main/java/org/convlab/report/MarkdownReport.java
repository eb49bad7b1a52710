package org.convlab.report;

import java.util.Locale;
import org.convlab.experiments.ArticleClaim;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.Figure;
import org.convlab.experiments.Verdict;

/** Renders a run as {@code report.md}: the verdict table, then one section per experiment. */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String render(RunReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# ConvLab: the claims of \"types of convolution\", reproduced\n\n");
        md.append(ReportText.runLine(report)).append("\n\n");
        md.append(ClaimsTable.markdown(report));
        verdictTable(md, report);
        legend(md);
        untested(md, report);
        for (ExperimentResult result : report.results()) {
            section(md, result);
        }
        return md.toString();
    }

    private static void verdictTable(StringBuilder md, RunReport report) {
        if (report.results().isEmpty()) {
            md.append("No experiment ran.\n\n");
            return;
        }
        md.append("| Experiment | Verdict | Headline | Time |\n|---|---|---|---|\n");
        for (ExperimentResult r : report.results()) {
            md.append(String.format(Locale.ROOT, "| [%s](#%s) | **%s** | %s | %.1f s |%n",
                    r.id(), r.id(), r.verdict(), cell(r.headline()), r.durationSeconds()));
        }
        md.append('\n');
    }

    private static void legend(StringBuilder md) {
        for (Verdict v : Verdict.values()) {
            md.append("- **").append(v).append("**: ").append(v.meaning()).append('\n');
        }
        md.append('\n');
    }

    private static void untested(StringBuilder md, RunReport report) {
        if (report.untested().isEmpty()) {
            return;
        }
        md.append("Claims without an experiment yet:\n\n");
        for (String id : report.untested()) {
            md.append("- `").append(id).append('`')
                    .append(ArticleClaim.byId(id).map(c -> " — " + c.title()).orElse("")).append('\n');
        }
        md.append('\n');
    }

    private static void section(StringBuilder md, ExperimentResult r) {
        md.append("<a id=\"").append(r.id()).append("\"></a>\n\n");
        md.append("## ").append(r.id()).append(" — ").append(inline(r.title())).append("\n\n");
        md.append("**Claim.** ").append(inline(r.claim())).append("\n\n");
        if (!r.articleQuote().isBlank()) {
            // Every line of a multi-passage quote needs its own marker to stay inside the blockquote.
            r.articleQuote().lines().forEach(line -> md.append("> ").append(line).append("\n>\n"));
            md.setLength(md.length() - 2);
            md.append('\n');
        }
        figures(md, r);
        md.append("**Verdict: ").append(r.verdict()).append(".** ").append(r.explanation().strip()).append("\n\n");
        md.append(String.format(Locale.ROOT, "_seed %d, %s budgets, %.1f s_%n%n", r.seed(),
                r.quick() ? "quick" : "full", r.durationSeconds()));
        for (String chart : r.charts()) {
            if (chart.endsWith(".png")) {
                md.append("![").append(ReportText.chartName(chart)).append("](").append(chart).append(")\n\n");
            } else {
                md.append("[").append(ReportText.chartName(chart)).append(" (SVG)](").append(chart).append(")\n\n");
            }
        }
    }

    private static void figures(StringBuilder md, ExperimentResult r) {
        if (r.figures().isEmpty()) {
            return;
        }
        md.append("| Figure | Measured | Article | Unit |\n|---|---:|---:|---|\n");
        for (Figure f : r.figures()) {
            md.append("| ").append(cell(f.name())).append(" | ").append(Numbers.format(f.measured()))
                    .append(" | ").append(cell(Numbers.article(f))).append(" | ").append(cell(f.unit()))
                    .append(" |\n");
        }
        md.append('\n');
    }

    // A table cell ends at a pipe or a newline.
    private static String cell(String text) {
        return inline(text).replace("|", "\\|");
    }

    private static String inline(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
