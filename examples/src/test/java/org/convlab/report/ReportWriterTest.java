package org.convlab.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
