package org.convlab.report;

import static org.convlab.report.Html.escape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import org.convlab.experiments.ArticleClaim;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.Figure;
import org.convlab.experiments.Verdict;

/**
 * Renders a run as one self-contained {@code index.html}: inline CSS, charts embedded as base64 PNG
 * data URIs, no external resource, so that the page opens from disk or as an e-mail attachment.
 */
final class HtmlReport {

    private static final String CSS = """
            body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;\
            color:#222;line-height:1.5}
            table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;\
            text-align:left;vertical-align:top}td.num{text-align:right;font-variant-numeric:tabular-nums}
            blockquote{border-left:4px solid #bbb;margin:1rem 0;padding:.2rem 1rem;background:#f6f6f6}
            .badge{display:inline-block;padding:.1rem .5rem;border-radius:.3rem;color:#fff;font-weight:600;\
            font-size:.85em}
            .CONFIRMED{background:#2e7d32}.REFUTED{background:#c62828}.NOT_REPRODUCED{background:#ef6c00}\
            .FAILED{background:#616161}
            figure{margin:1rem 0}figure img{max-width:100%;border:1px solid #ddd}.meta{color:#666;font-size:.9em}
            """;

    private HtmlReport() {
    }

    /** @param outDir the output directory, where the chart files named in the results are read from */
    static String render(RunReport report, Path outDir) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>ConvLab report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>ConvLab: the claims of &quot;types of convolution&quot;, reproduced</h1>\n");
        h.append("<p class=\"meta\">").append(escape(ReportText.runLine(report))).append("</p>\n");
        h.append(ClaimsTable.html(report));
        verdictTable(h, report);
        legend(h);
        untested(h, report);
        for (ExperimentResult result : report.results()) {
            section(h, result, outDir);
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void verdictTable(StringBuilder h, RunReport report) {
        if (report.results().isEmpty()) {
            h.append("<p>No experiment ran.</p>\n");
            return;
        }
        h.append("<table>\n<tr><th>Experiment</th><th>Verdict</th><th>Headline</th><th>Time</th></tr>\n");
        for (ExperimentResult r : report.results()) {
            h.append("<tr><td><a href=\"#").append(escape(r.id())).append("\">").append(escape(r.id()))
                    .append("</a></td><td>").append(badge(r.verdict())).append("</td><td>")
                    .append(escape(r.headline())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.1f s", r.durationSeconds())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void legend(StringBuilder h) {
        h.append("<ul>\n");
        for (Verdict v : Verdict.values()) {
            h.append("<li>").append(badge(v)).append(' ').append(escape(v.meaning())).append("</li>\n");
        }
        h.append("</ul>\n");
    }

    private static void untested(StringBuilder h, RunReport report) {
        if (report.untested().isEmpty()) {
            return;
        }
        h.append("<p>Claims without an experiment yet:</p>\n<ul>\n");
        for (String id : report.untested()) {
            h.append("<li><code>").append(escape(id)).append("</code>")
                    .append(escape(ArticleClaim.byId(id).map(c -> " — " + c.title()).orElse("")))
                    .append("</li>\n");
        }
        h.append("</ul>\n");
    }

    private static void section(StringBuilder h, ExperimentResult r, Path outDir) {
        h.append("<section id=\"").append(escape(r.id())).append("\">\n<h2>").append(escape(r.id()))
                .append(" — ").append(escape(r.title())).append("</h2>\n");
        h.append("<p><strong>Claim.</strong> ").append(escape(r.claim())).append("</p>\n");
        if (!r.articleQuote().isBlank()) {
            h.append("<blockquote lang=\"zh\">\n");
            r.articleQuote().lines().forEach(line -> h.append("<p>").append(escape(line)).append("</p>\n"));
            h.append("</blockquote>\n");
        }
        figures(h, r);
        h.append("<p>").append(badge(r.verdict())).append(' ').append(paragraphs(r.explanation())).append("</p>\n");
        h.append(String.format(Locale.ROOT, "<p class=\"meta\">seed %d, %s budgets, %.1f s</p>%n", r.seed(),
                r.quick() ? "quick" : "full", r.durationSeconds()));
        for (String chart : r.charts()) {
            if (chart.endsWith(".png")) {
                h.append(embeddedPng(outDir, chart));
            }
        }
        h.append("</section>\n");
    }

    private static void figures(StringBuilder h, ExperimentResult r) {
        if (r.figures().isEmpty()) {
            return;
        }
        h.append("<table>\n<tr><th>Figure</th><th>Measured</th><th>Article</th><th>Unit</th></tr>\n");
        for (Figure f : r.figures()) {
            h.append("<tr><td>").append(escape(f.name())).append("</td><td class=\"num\">")
                    .append(escape(Numbers.format(f.measured()))).append("</td><td class=\"num\">")
                    .append(escape(Numbers.article(f))).append("</td><td>").append(escape(f.unit()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String embeddedPng(Path outDir, String chart) {
        String name = escape(ReportText.chartName(chart));
        Path file = outDir.resolve(chart);
        if (!Files.isRegularFile(file)) {
            return "<p class=\"meta\">missing chart file " + escape(chart) + "</p>\n";
        }
        try {
            String data = Base64.getEncoder().encodeToString(Files.readAllBytes(file));
            return "<figure><img alt=\"" + name + "\" src=\"data:image/png;base64," + data
                    + "\"><figcaption class=\"meta\">" + name + "</figcaption></figure>\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chart " + file, e);
        }
    }

    private static String badge(Verdict verdict) {
        return "<span class=\"badge " + verdict.name() + "\">" + verdict.name() + "</span>";
    }

    private static String paragraphs(String text) {
        return escape(text.strip()).replaceAll("\\R\\s*\\R", "</p>\n<p>").replaceAll("\\R", "<br>\n");
    }
}
