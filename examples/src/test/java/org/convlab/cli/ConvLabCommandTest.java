package org.convlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.convlab.experiments.ExperimentRegistry;
import org.convlab.experiments.RecordingExperiment;
import org.convlab.experiments.ThrowingExperiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConvLabCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final RecordingExperiment alpha = new RecordingExperiment("alpha-test");
    private final RecordingExperiment beta = new RecordingExperiment("beta-test");

    private int execute(ExperimentRegistry registry, String... args) {
        CommandLine cli = ConvLabCommand.commandLine(registry);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private int execute(String... args) {
        return execute(new ExperimentRegistry(List.of(alpha, beta)), args);
    }

    @Test
    void listPrintsTheRegisteredIdsInOrder() {
        assertEquals(0, execute("list"));
        String listed = out.toString();
        assertTrue(listed.contains("alpha-test") && listed.contains("beta-test"), listed);
        assertTrue(listed.indexOf("alpha-test") < listed.indexOf("beta-test"));
        assertTrue(listed.contains("Running an experiment is observable."), "claims are listed");
    }

    @Test
    void runWritesTheReportForTheNamedExperimentOnly() {
        Path report = tmp.resolve("report");
        assertEquals(0, execute("run", "beta-test", "--out", report.toString(), "--quick"));
        assertTrue(beta.ran());
        assertFalse(alpha.ran());
        assertTrue(Files.isRegularFile(report.resolve("index.html")));
        assertTrue(out.toString().contains("[beta-test] CONFIRMED in "), out.toString());
    }

    @Test
    void unknownIdIsOneLineOnStderrAndNothingRuns() {
        int status = execute("run", "alpha-test", "no-such-id", "--out", tmp.toString());
        assertEquals(2, status);
        assertFalse(alpha.ran(), "ids are checked before anything runs");
        assertOneLineWithoutStackTrace("unknown experiment id 'no-such-id'");
    }

    @Test
    void badOptionValueIsOneLineOnStderr() {
        assertEquals(2, execute("reproduce", "--seed", "forty-two"));
        assertOneLineWithoutStackTrace("--seed");
    }

    @Test
    void unwritableOutFailsClearlyBeforeTheExperimentRuns() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        int status = execute("reproduce", "--out", file.resolve("report").toString());
        assertNotEquals(0, status);
        assertFalse(alpha.ran() || beta.ran());
        assertOneLineWithoutStackTrace("is a file, not a directory");
    }

    @Test
    void reproduceRunsEveryExperimentAndSignalsAFailedOne() {
        ExperimentRegistry registry = new ExperimentRegistry(List.of(new ThrowingExperiment(), alpha));
        int status = execute(registry, "reproduce", "--out", tmp.resolve("r").toString());
        assertEquals(3, status);
        assertTrue(alpha.ran());
        assertTrue(out.toString().contains("[throwing] FAILED"), out.toString());
    }

    private void assertOneLineWithoutStackTrace(String expected) {
        String message = err.toString().strip();
        assertTrue(message.contains(expected), message);
        assertEquals(1, message.lines().count(), message);
        assertFalse(message.contains("\tat "), message);
    }
}
