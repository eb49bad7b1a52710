package org.convlab.report;

import static org.convlab.report.Html.escape;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.convlab.experiments.Claim;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.Figure;
import org.convlab.experiments.Verdict;

/**
 * The claims ledger, the report's first table: one row per checked sentence of the article, with
 * its own verdict, what was found, the measured figures beside the article's and the evidence chart.
 * An experiment that recorded no claim (one that failed before checking any) gets one row for its
 * whole claim, so that no experiment is missing from the table.
 */
final class ClaimsTable {

    private ClaimsTable() {
    }

    /** One row of the ledger, flattened from a result. */
    record Row(String experiment, Claim claim) {
    }

    static List<Row> rows(RunReport report) {
        List<Row> rows = new ArrayList<>();
        for (ExperimentResult r : report.results()) {
            if (r.claims().isEmpty()) {
                rows.add(new Row(r.id(), Claim.of(r.id(), r.articleQuote(), r.claim(), r.verdict(),
                        r.headline())));
            } else {
                r.claims().forEach(c -> rows.add(new Row(r.id(), c)));
            }
        }
        return rows;
    }

    static String markdown(RunReport report) {
        List<Row> rows = rows(report);
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Claims ledger\n\n");
        md.append("| Experiment | Claim | Article | Verdict | Finding | Measured (article) | Evidence |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            Claim c = row.claim();
            md.append("| [").append(row.experiment()).append("](#").append(row.experiment()).append(") | ")
                    .append(cell(c.statement())).append(c.erratum() ? " _(erratum)_" : "").append(" | ")
                    .append(cell(c.quote())).append(" | **").append(c.verdict()).append("** | ")
                    .append(cell(c.finding())).append(" | ").append(cell(figures(c.figures()))).append(" | ")
                    .append(c.chart().isEmpty() ? "" : "[" + ReportText.chartName(c.chart()) + "](" + c.chart() + ")")
                    .append(" |\n");
        }
        md.append('\n').append(summary(report)).append("\n\n");
        return md.toString();
    }

    static String html(RunReport report) {
        List<Row> rows = rows(report);
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder h = new StringBuilder("<h2 id=\"claims\">Claims ledger</h2>\n<table class=\"claims\">\n");
        h.append("<tr><th>Experiment</th><th>Claim</th><th>Article</th><th>Verdict</th><th>Finding</th>")
                .append("<th>Measured (article)</th><th>Evidence</th></tr>\n");
        for (Row row : rows) {
            Claim c = row.claim();
            h.append("<tr><td><a href=\"#").append(escape(row.experiment())).append("\">")
                    .append(escape(row.experiment())).append("</a></td><td>").append(escape(c.statement()))
                    .append(c.erratum() ? " <em>(erratum)</em>" : "").append("</td><td lang=\"zh\">")
                    .append(escape(c.quote())).append("</td><td><span class=\"badge ").append(c.verdict().name())
                    .append("\">").append(c.verdict().name()).append("</span></td><td>").append(escape(c.finding()))
                    .append("</td><td>").append(escape(figures(c.figures()))).append("</td><td>");
            if (!c.chart().isEmpty()) {
                h.append("<a href=\"#").append(escape(row.experiment())).append("\">")
                        .append(escape(ReportText.chartName(c.chart()))).append("</a>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n<p>").append(escape(summary(report))).append("</p>\n");
        return h.toString();
    }

    /** The count of claims per verdict and the rule that turns claims into an experiment's verdict. */
    static String summary(RunReport report) {
        List<Row> rows = rows(report);
        StringBuilder s = new StringBuilder();
        s.append(rows.size()).append(" claims: ");
        List<String> counts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            long n = rows.stream().filter(r -> r.claim().verdict() == v).count();
            long errata = rows.stream().filter(r -> r.claim().verdict() == v && r.claim().erratum()).count();
            if (n > 0) {
                counts.add(n + " " + v + (errata > 0 ? " (" + errata + " of them errata)" : ""));
            }
        }
        s.append(String.join(", ", counts)).append(". ").append(Verdict.SUMMARY_RULE);
        return s.toString();
    }

    /** "name: measured (article: x)" for each figure, separated by semicolons. */
    static String figures(List<Figure> figures) {
        return figures.stream()
                .map(f -> f.name() + ": " + Numbers.format(f.measured())
                        + (f.article() == null && f.articleText() == null ? "" : " (article: " + Numbers.article(f) + ")")
                        + (f.unit().isEmpty() ? "" : " " + f.unit()))
                .collect(Collectors.joining("; "));
    }

    private static String cell(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ").replace("|", "\\|");
    }
}
