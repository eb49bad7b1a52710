package org.convlab.report;

import java.util.Locale;
import java.util.Map;
import org.convlab.experiments.ArticleClaim;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.Figure;
import org.convlab.experiments.Verdict;

/**
 * Renders a run as {@code report.md}: the run's header, the verdict table, then one section per
 * experiment in the order of the HTML page (claim, verdict, numbers, figures, folded reasoning).
 */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String render(RunReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# ConvLab: the claims of \"types of convolution\", reproduced\n\n");
        header(md, report);
        md.append(ClaimsTable.markdown(report));
        verdictTable(md, report);
        legend(md);
        untested(md, report);
        for (ExperimentResult result : report.results()) {
            section(md, result);
        }
        return md.toString();
    }

    private static void header(StringBuilder md, RunReport report) {
        md.append("| | |\n|---|---|\n");
        for (Map.Entry<String, String> row : ReportText.header(report).entrySet()) {
            boolean code = row.getKey().equals("Command") || row.getKey().equals("Commit");
            md.append("| **").append(row.getKey()).append("** | ").append(code ? "`" : "")
                    .append(cell(row.getValue())).append(code ? "`" : "").append(" |\n");
        }
        md.append('\n');
    }

    private static void verdictTable(StringBuilder md, RunReport report) {
        if (report.results().isEmpty()) {
            md.append("No experiment ran.\n\n");
            return;
        }
        md.append("| Experiment | Verdict | Headline | Time |\n|---|---|---|---:|\n");
        for (ExperimentResult r : report.results()) {
            md.append(String.format(Locale.ROOT, "| [%s](#%s) | **%s** | %s | %s |%n",
                    r.id(), r.id(), r.verdict(), cell(Numbers.humanise(r.headline())),
                    Numbers.duration(r.durationSeconds())));
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
        claim(md, r);
        md.append("**").append(r.verdict()).append(".** ").append(inline(Numbers.humanise(r.headline())))
                .append("\n\n");
        figures(md, r);
        charts(md, r);
        reasoning(md, r);
        md.append(String.format(Locale.ROOT, "_seed %d, %s budgets, %s_%n%n", r.seed(),
                r.quick() ? "quick" : "full", Numbers.duration(r.durationSeconds())));
    }

    private static void claim(StringBuilder md, ExperimentResult r) {
        md.append("**Claim.** ").append(inline(r.claim())).append("\n\n");
        if (!r.articleQuote().isBlank()) {
            // Every line of a multi-passage quote needs its own marker to stay inside the blockquote.
            r.articleQuote().lines().forEach(line -> md.append("> ").append(line).append("\n>\n"));
            md.setLength(md.length() - 2);
            md.append('\n');
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

    // Each PNG with its caption underneath; the SVG of the same chart is linked from the caption.
    private static void charts(StringBuilder md, ExperimentResult r) {
        int number = 0;
        for (String chart : r.charts()) {
            if (!chart.endsWith(".png")) {
                continue;
            }
            number++;
            String name = ReportText.chartName(chart);
            String caption = r.caption(chart);
            String svg = chart.substring(0, chart.length() - ".png".length()) + ".svg";
            md.append("![").append(name).append("](").append(chart).append(")\n\n");
            md.append("_Figure ").append(number).append("._ ").append(caption.isEmpty() ? "" : inline(caption) + " ")
                    .append(r.charts().contains(svg) ? "([SVG](" + svg + "))" : "").append("\n\n");
        }
    }

    private static void reasoning(StringBuilder md, ExperimentResult r) {
        if (r.explanation().isBlank()) {
            return;
        }
        md.append("<details><summary>How it was measured, and why this verdict</summary>\n\n");
        Numbers.humanise(r.explanation()).strip().lines().map(String::strip).filter(l -> !l.isEmpty())
                .forEach(line -> md.append(line).append("\n\n"));
        md.append("</details>\n\n");
    }

    // A table cell ends at a pipe or a newline.
    private static String cell(String text) {
        return inline(text).replace("|", "\\|");
    }

    private static String inline(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
