package org.convlab.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convlab.charts.Charts;
import org.convlab.charts.LineSeries;
import org.convlab.experiments.ExperimentResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path out;

    private final RunReport report = ReportJsonTest.sampleReport();

    @BeforeEach
    void writeReportWithItsChart() throws IOException {
        new Charts(out.resolve("charts"), "charts", "transposed").line("matrix", "A chart", "x", "y",
                List.of(LineSeries.ofSteps("s", new double[] {1, 2, 4})), false);
        ReportWriter.write(out, report);
    }

    @Test
    void markdownHasEveryIdVerdictQuoteAndChartLink() throws IOException {
        String md = Files.readString(out.resolve(ReportWriter.MARKDOWN));
        for (ExperimentResult r : report.results()) {
            assertTrue(md.contains("## " + r.id()), r.id());
            assertTrue(md.contains("**" + r.verdict() + "**"), r.verdict().name());
        }
        assertTrue(md.contains("> 现在,如果我们在等式的两边都"), "the article's quote as a blockquote");
        assertTrue(md.contains("![transposed-matrix](charts/transposed-matrix.png)"));
        assertTrue(md.contains("| output size | 4 | 4x4 | pixels |"));
        assertTrue(md.contains("`conv3d`"), "claims without an experiment are listed");
    }

    @Test
    void htmlHasEveryIdAndVerdictEscapesTextAndEmbedsCharts() throws IOException {
        String html = Files.readString(out.resolve(ReportWriter.HTML));
        for (ExperimentResult r : report.results()) {
            assertTrue(html.contains("id=\"" + r.id() + "\""), r.id());
            assertTrue(html.contains("class=\"badge " + r.verdict() + "\">" + r.verdict() + "<"), r.verdict().name());
        }
        assertTrue(html.contains("Second line &lt;with&gt; &quot;quotes&quot;."));
        assertFalse(html.contains("<with>"));
        assertTrue(html.contains("src=\"data:image/png;base64,"), "the chart is embedded, not linked");
    }

    @Test
    void htmlReferencesNoExternalResource() throws IOException {
        String html = Files.readString(out.resolve(ReportWriter.HTML));
        assertFalse(Pattern.compile("https?://", Pattern.CASE_INSENSITIVE).matcher(html).find());
        assertFalse(html.contains("src=\"charts/"), "images must be embedded to open from anywhere");
    }

    @Test
    void headerSaysHowToReproduceTheRun() throws IOException {
        String html = Files.readString(out.resolve(ReportWriter.HTML));
        String md = Files.readString(out.resolve(ReportWriter.MARKDOWN));
        for (String page : List.of(html, md)) {
            assertTrue(page.contains("0123456789ab"), "commit");
            assertTrue(page.contains("./convlab reproduce --seed 42"), "command line");
            assertTrue(page.contains("2 cores, AMD EPYC 9B45"), "machine");
            assertTrue(page.contains("Java 17.0.15"), "Java");
            assertTrue(page.contains("ND4J 1.0.0-M2.1 (linux-x86_64-onednn)"), "ND4J build");
            assertTrue(page.contains("1 Jan 2024, 00:00 UTC"), "a readable time, not 2024-01-01T00:00:00Z");
            assertTrue(page.contains("13 s in total"), "the experiments' total time (12.5 s + 0.01 s)");
        }
        assertTrue(html.contains("<dt>Seed</dt><dd>42"), html.substring(0, 2000));
    }

    @Test
    void everyFigureHasItsCaptionUnderneath() throws IOException {
        String html = Files.readString(out.resolve(ReportWriter.HTML));
        int image = html.indexOf("src=\"data:image/png;base64,");
        int caption = html.indexOf("<figcaption><strong>Figure 1.</strong> The matrix C^T C; the identity would be a"
                + " bright diagonal.");
        assertTrue(image > 0 && caption > image, "caption after its image");
        assertTrue(html.indexOf("</figure>", caption) > caption);
        assertTrue(html.contains("href=\"charts/transposed-matrix.svg\""), "the full-size SVG is linked");
        String md = Files.readString(out.resolve(ReportWriter.MARKDOWN));
        assertTrue(md.contains("![transposed-matrix](charts/transposed-matrix.png)\n\n_Figure 1._ The matrix C^T C;"),
                md);
    }

    @Test
    void verdictIsOneLineAndTheReasoningFoldsAway() throws IOException {
        String html = Files.readString(out.resolve(ReportWriter.HTML));
        int section = html.indexOf("<section id=\"transposed\"");
        int verdict = html.indexOf("<p class=\"verdict\"><span class=\"badge REFUTED\">REFUTED</span> C^T C is not"
                + " the identity</p>", section);
        int table = html.indexOf("<th>Measured</th>", section);
        int details = html.indexOf("<details>", section);
        int reasoning = html.indexOf("C^T maps Small to the shape of Large", section);
        assertTrue(section < verdict && verdict < table && table < details && details < reasoning,
                "verdict, then the table, then the folded reasoning");
        assertTrue(html.indexOf("</details>", reasoning) > reasoning);
        String md = Files.readString(out.resolve(ReportWriter.MARKDOWN));
        assertTrue(md.contains("**REFUTED.** C^T C is not the identity"));
        assertTrue(md.indexOf("<details>") < md.indexOf("C^T maps Small") && md.contains("</details>"));
    }

    @Test
    void rawNumbersInTheTextAreWrittenForPeople() throws IOException {
        String html = Files.readString(out.resolve(ReportWriter.HTML));
        assertTrue(html.contains("holds to 6.7e-16."));
        assertFalse(html.contains("6.661338147750939E-16"));
        assertFalse(Files.readString(out.resolve(ReportWriter.MARKDOWN)).contains("6.661338147750939E-16"));
    }

    @Test
    void chineseQuoteNamesACjkFontStack() throws IOException {
        String html = Files.readString(out.resolve(ReportWriter.HTML));
        assertTrue(html.contains("<blockquote lang=\"zh-Hans\">"));
        Matcher rule = Pattern.compile(":lang\\(zh\\)\\{font-family:([^}]*)}").matcher(html);
        assertTrue(rule.find(), "a font rule for Chinese text");
        for (String font : List.of("Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei")) {
            assertTrue(rule.group(1).contains(font), font);
        }
        assertTrue(rule.group(1).trim().endsWith("sans-serif"), "a generic fallback last");
    }
}
