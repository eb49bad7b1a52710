package org.convlab.report;

import static org.convlab.report.Html.escape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.convlab.experiments.ArticleClaim;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.Figure;
import org.convlab.experiments.Verdict;

/**
 * Renders a run as one self-contained {@code index.html}: inline CSS, charts embedded as base64 PNG
 * data URIs, no external resource, so that the page opens from disk or as an e-mail attachment.
 *
 * <p>Each experiment's section reads top-down: the claim and the article's words, the verdict in a
 * sentence, the numbers as a table, the figures with their captions, and the full reasoning folded
 * away. Each part is one method, so that a new part is one more line in {@link #section}.
 */
final class HtmlReport {

    // The CJK stack names the common Simplified Chinese fonts of Linux, macOS and Windows, so that
    // the article's quotes use a real Chinese face where one is installed, not a fallback's glyphs.
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;max-width:62rem;\
            margin:2rem auto;padding:0 1rem;color:#222;line-height:1.5}
            h1{font-size:1.6rem;margin-bottom:.5rem}h2{margin-top:2.5rem;border-top:1px solid #ddd;padding-top:1rem}
            table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;\
            text-align:left;vertical-align:top}td.num{text-align:right;font-variant-numeric:tabular-nums;\
            white-space:nowrap}
            blockquote{border-left:4px solid #bbb;margin:1rem 0;padding:.2rem 1rem;background:#f6f6f6}
            :lang(zh){font-family:"Noto Sans CJK SC","Source Han Sans SC","Noto Sans SC","PingFang SC",\
            "Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
            .badge{display:inline-block;padding:.1rem .5rem;border-radius:.3rem;color:#fff;font-weight:600;\
            font-size:.85em}
            .CONFIRMED{background:#1b7a3a}.REFUTED{background:#b3261e}.NOT_REPRODUCED{background:#8a5300}\
            .FAILED{background:#555}
            .verdict{font-size:1.05rem}
            dl.run{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:1rem 0;\
            font-size:.92em}dl.run dt{font-weight:600;color:#555}dl.run dd{margin:0}
            dl.run code{white-space:pre-wrap;word-break:break-all}
            figure{margin:1.5rem 0}figure img{display:block;max-width:100%;height:auto;border:1px solid #ddd}
            figcaption{font-size:.92em;color:#333;margin-top:.4rem;max-width:48rem}
            details{margin:1rem 0}summary{cursor:pointer;color:#444}
            .meta{color:#666;font-size:.9em}
            """;

    private HtmlReport() {
    }

    /** @param outDir the output directory, where the chart files named in the results are read from */
    static String render(RunReport report, Path outDir) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>ConvLab report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        header(h, report);
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

    private static void header(StringBuilder h, RunReport report) {
        h.append("<header>\n<h1>ConvLab: the claims of &quot;types of convolution&quot;, reproduced</h1>\n");
        h.append("<dl class=\"run\">\n");
        for (Map.Entry<String, String> row : ReportText.header(report).entrySet()) {
            boolean code = row.getKey().equals("Command") || row.getKey().equals("Commit");
            h.append("<dt>").append(escape(row.getKey())).append("</dt><dd>")
                    .append(code ? "<code>" : "").append(escape(row.getValue())).append(code ? "</code>" : "")
                    .append("</dd>\n");
        }
        h.append("</dl>\n</header>\n");
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
                    .append(escape(Numbers.humanise(r.headline()))).append("</td><td class=\"num\">")
                    .append(escape(Numbers.duration(r.durationSeconds()))).append("</td></tr>\n");
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
        claim(h, r);
        verdict(h, r);
        figures(h, r);
        charts(h, r, outDir);
        reasoning(h, r);
        h.append("<p class=\"meta\">").append(escape(String.format(Locale.ROOT, "seed %d, %s budgets, %s",
                r.seed(), r.quick() ? "quick" : "full", Numbers.duration(r.durationSeconds())))).append("</p>\n");
        h.append("</section>\n");
    }

    private static void claim(StringBuilder h, ExperimentResult r) {
        h.append("<p><strong>Claim.</strong> ").append(escape(r.claim())).append("</p>\n");
        if (!r.articleQuote().isBlank()) {
            h.append("<blockquote lang=\"zh-Hans\">\n");
            r.articleQuote().lines().forEach(line -> h.append("<p>").append(escape(line)).append("</p>\n"));
            h.append("</blockquote>\n");
        }
    }

    // The verdict in a sentence: the badge and the headline.
    private static void verdict(StringBuilder h, ExperimentResult r) {
        h.append("<p class=\"verdict\">").append(badge(r.verdict())).append(' ')
                .append(escape(Numbers.humanise(r.headline()))).append("</p>\n");
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

    private static void charts(StringBuilder h, ExperimentResult r, Path outDir) {
        int number = 0;
        for (String chart : r.charts()) {
            if (chart.endsWith(".png")) {
                number++;
                h.append(figure(outDir, r, chart, number));
            }
        }
    }

    // The whole explanation, folded: the verdict line above says the result, this says how and why.
    private static void reasoning(StringBuilder h, ExperimentResult r) {
        if (r.explanation().isBlank()) {
            return;
        }
        h.append("<details>\n<summary>How it was measured, and why this verdict</summary>\n<p>")
                .append(paragraphs(Numbers.humanise(r.explanation()))).append("</p>\n</details>\n");
    }

    private static String figure(Path outDir, ExperimentResult r, String chart, int number) {
        String name = ReportText.chartName(chart);
        String caption = r.caption(chart);
        Path file = outDir.resolve(chart);
        if (!Files.isRegularFile(file)) {
            return "<p class=\"meta\">missing chart file " + escape(chart) + "</p>\n";
        }
        String svg = chart.substring(0, chart.length() - ".png".length()) + ".svg";
        String fullSize = r.charts().contains(svg) ? svg : chart;
        try {
            String data = Base64.getEncoder().encodeToString(Files.readAllBytes(file));
            return "<figure id=\"" + escape(name) + "\"><img alt=\"" + escape(caption.isEmpty() ? name : caption)
                    + "\" src=\"data:image/png;base64," + data + "\">\n<figcaption><strong>Figure "
                    + number + ".</strong> " + (caption.isEmpty() ? "" : escape(caption) + " ")
                    + "<span class=\"meta\">(full size: <a href=\"" + escape(fullSize) + "\">"
                    + escape(fullSize.substring(fullSize.lastIndexOf('/') + 1)) + "</a>)</span></figcaption></figure>\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chart " + file, e);
        }
    }

    private static String badge(Verdict verdict) {
        return "<span class=\"badge " + verdict.name() + "\">" + verdict.name() + "</span>";
    }

    private static String paragraphs(String text) {
        return escape(text.strip()).replaceAll("\\s*\\R\\s*", "</p>\n<p>");
    }
}
