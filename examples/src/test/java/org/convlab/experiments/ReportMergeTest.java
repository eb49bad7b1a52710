package org.convlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.convlab.charts.LineSeries;
import org.convlab.report.Numbers;
import org.convlab.report.ReportJson;
import org.convlab.report.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convlab run ID} into a directory with a full report updates that report: the experiments
 * that ran replace their results, the others stay, the report and the console say so, and the
 * charts the re-run experiments no longer draw are removed.
 */
class ReportMergeTest {

    @TempDir
    Path out;

    private final StringWriter console = new StringWriter();

    private ExperimentRunner runner(long seed) {
        return new ExperimentRunner(new RunSettings(out, seed, true, false), new PrintWriter(console, true));
    }

    /** Draws the charts it is told to, so that a second run can draw fewer. */
    private static final class Drawing implements Experiment {
        private final String id;
        private final List<String> charts;

        Drawing(String id, String... charts) {
            this.id = id;
            this.charts = List.of(charts);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String title() {
            return "Draws " + charts;
        }

        @Override
        public String claim() {
            return "Charts are drawn.";
        }

        @Override
        public String articleQuote() {
            return "";
        }

        @Override
        public ExperimentResult run(ExperimentContext ctx) {
            for (String chart : charts) {
                ctx.charts().line(chart, chart, "x", "y", List.of(LineSeries.ofSteps("v", new double[] {1, 2})), false);
            }
            return ctx.result().verdict(Verdict.CONFIRMED).headline(id + " drew " + charts).build();
        }
    }

    @Test
    void aPartialRunReplacesOnlyItsExperimentsAndSaysSo() throws IOException {
        runner(42).run(List.of(new Drawing("first", "a"), new Drawing("second", "b", "c"), new Drawing("third", "d")),
                List.of("open-claim"));
        String fullCreatedAt = ReportJson.read(out.resolve("results.json")).createdAt();
        console.getBuffer().setLength(0);

        RunReport merged = runner(7).runAndMerge(List.of(new Drawing("second", "b")), List.of("open-claim"));

        assertEquals(List.of("first", "second", "third"), merged.results().stream().map(ExperimentResult::id).toList(),
                "the re-run experiment keeps its place");
        assertEquals(42, merged.results().get(0).seed(), "kept from the full run");
        assertEquals(7, merged.results().get(1).seed(), "replaced by the partial run");
        assertEquals(List.of("second"), merged.rerun());
        assertEquals(fullCreatedAt, merged.earlierRun());
        assertEquals(merged, ReportJson.read(out.resolve("results.json")), "results.json holds the merged report");

        String said = console.toString();
        assertTrue(said.contains("re-ran second; kept the earlier results of 2 other experiments"), said);
        assertTrue(said.contains("Removed 2 chart files of the earlier report"), said);
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("re-ran second") && md.contains("the other 2 experiments are from the run of "
                + Numbers.timestamp(fullCreatedAt)), md);
        assertTrue(md.contains("## first") && md.contains("## third"), "the kept experiments stay in the report");

        assertTrue(Files.exists(out.resolve("charts/first-a.png")));
        assertTrue(Files.exists(out.resolve("charts/second-b.png")));
        assertFalse(Files.exists(out.resolve("charts/second-c.png")), "a chart the re-run no longer draws is stale");
        assertFalse(Files.exists(out.resolve("charts/second-c.svg")));
        assertTrue(Files.exists(out.resolve("charts/third-d.svg")));
    }

    @Test
    void aFullRunReplacesTheReportAndRemovesChartsOfExperimentsNoLongerInIt() throws IOException {
        runner(42).run(List.of(new Drawing("first", "a"), new Drawing("gone", "g")), List.of());
        Path unrelated = Files.writeString(out.resolve("charts/mine.txt"), "not a chart of the report");

        RunReport full = runner(42).run(List.of(new Drawing("first", "a")), List.of());

        assertFalse(full.isUpdate());
        assertEquals(List.of("first"), full.results().stream().map(ExperimentResult::id).toList());
        assertFalse(Files.exists(out.resolve("charts/gone-g.png")));
        assertTrue(Files.exists(out.resolve("charts/first-a.png")));
        assertTrue(Files.exists(unrelated), "files the report never listed are not touched");
        assertTrue(Files.readString(out.resolve("report.md")).contains(": 1 experiment, "));
    }

    /** Reads the report on disk while it runs: what a Ctrl-C at this moment would leave. */
    private final class Inspector implements Experiment {
        RunReport seen;

        @Override
        public String id() {
            return "inspector";
        }

        @Override
        public String title() {
            return "Reads the report";
        }

        @Override
        public String claim() {
            return "The report is saved as the run goes.";
        }

        @Override
        public String articleQuote() {
            return "";
        }

        @Override
        public ExperimentResult run(ExperimentContext ctx) {
            try {
                seen = ReportJson.read(out.resolve("results.json"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return ctx.result().verdict(Verdict.CONFIRMED).headline("read it").build();
        }
    }

    @Test
    void aRunSavesEachFinishedExperimentAtOnceSoThatStoppingLaterLosesNothing() throws IOException {
        runner(42).run(List.of(new Drawing("first", "a"), new Drawing("second", "b")), List.of());
        Inspector inspector = new Inspector();

        runner(7).run(List.of(new Drawing("first", "a"), inspector, new Drawing("second", "b")), List.of());

        // While the second experiment ran, the report held the first one's new result and the rest of the old run.
        assertEquals(List.of("first", "second"), inspector.seen.results().stream().map(ExperimentResult::id).toList());
        assertEquals(7, inspector.seen.results().get(0).seed());
        assertEquals(42, inspector.seen.results().get(1).seed());
        RunReport end = ReportJson.read(out.resolve("results.json"));
        assertEquals(List.of("first", "inspector", "second"), end.results().stream().map(ExperimentResult::id).toList());
        assertFalse(end.isUpdate(), "a full run's final report is its own");
    }

    @Test
    void aPartialRunIntoAnEmptyDirectoryWritesAPlainReport() throws IOException {
        RunReport report = runner(42).runAndMerge(List.of(new Drawing("only", "a")), List.of());
        assertFalse(report.isUpdate());
        assertTrue(console.toString().contains("experiment 1/1: only (Draws [a]) ..."), console.toString());
        assertTrue(console.toString().contains("Report written to"), console.toString());
    }
}
