package org.convlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.convlab.report.RunReport;
import org.convlab.report.UnwritableOutputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {

    @TempDir
    Path tmp;

    private final StringWriter console = new StringWriter();

    private ExperimentRunner runner(Path out) {
        return new ExperimentRunner(new RunSettings(out, 7, true, false), new PrintWriter(console, true));
    }

    @Test
    void throwingExperimentBecomesFailedAndTheRunGoesOn() throws IOException {
        RecordingExperiment after = new RecordingExperiment("after");
        RunReport report = runner(tmp.resolve("out")).run(List.of(new ThrowingExperiment(), after), List.of());

        ExperimentResult failed = report.results().get(0);
        assertEquals(Verdict.FAILED, failed.verdict());
        assertTrue(failed.explanation().contains(ThrowingExperiment.MESSAGE), failed.explanation());
        assertTrue(failed.headline().contains(ThrowingExperiment.MESSAGE), failed.headline());
        assertTrue(after.ran(), "the experiment after the failing one must still run");
        assertEquals(Verdict.CONFIRMED, report.results().get(1).verdict());
        assertTrue(console.toString().contains("[throwing] FAILED in "), console.toString());
        assertTrue(console.toString().contains("[after] CONFIRMED in "), console.toString());
    }

    @Test
    void unwritableOutputFailsBeforeAnyExperimentRuns() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        RecordingExperiment experiment = new RecordingExperiment("recording");

        UnwritableOutputException error = assertThrows(UnwritableOutputException.class,
                () -> runner(file.resolve("report")).run(List.of(experiment), List.of()));

        assertFalse(experiment.ran());
        assertTrue(error.getMessage().contains("is a file, not a directory"), error.getMessage());
    }

    @Test
    void runnerStampsSettingsAndAttachesChartsDrawn() throws IOException {
        Path out = tmp.resolve("out");
        ExperimentResult result = runner(out).run(List.of(new RecordingExperiment("rec")), List.of())
                .results().get(0);

        assertEquals(7, result.seed());
        assertTrue(result.quick());
        assertTrue(result.durationSeconds() >= 0);
        assertEquals(List.of("charts/rec-trace.png", "charts/rec-trace.svg"), result.charts());
        assertTrue(Files.isRegularFile(out.resolve("charts/rec-trace.png")));
        assertTrue(Files.isRegularFile(out.resolve("results.json")));
    }

    @Test
    void registryRejectsRepeatedIds() {
        assertThrows(IllegalArgumentException.class, () -> new ExperimentRegistry(
                List.of(new RecordingExperiment("same"), new RecordingExperiment("same"))));
    }

    @Test
    void registryListsClaimsWithoutExperiment() {
        ExperimentRegistry registry = new ExperimentRegistry(List.of(new RecordingExperiment("dilated")));
        assertFalse(registry.untestedClaims().contains(ArticleClaim.DILATED));
        assertEquals(ArticleClaim.values().length - 1, registry.untestedClaims().size());
    }
}
