package org.convlab.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.convlab.cli.ConvLabCommand;
import org.convlab.experiments.ExperimentRegistry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code train}, {@code evaluate} and {@code export} leave on disk, and what they keep when the disk refuses. */
class OutputFilesTest {
    private static final String SMALL_CNN = Path.of("models", "small-cnn.json").toString();

    @TempDir
    static Path shared;

    static Path run;

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static int execute(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = ConvLabCommand.commandLine(new ExperimentRegistry(List.of()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @BeforeAll
    static void trainOneEpoch() {
        run = shared.resolve("run");
        StringWriter e = new StringWriter();
        assertEquals(0, execute(new StringWriter(), e, "train", "--model", SMALL_CNN, "--data", "shipped", "--epochs",
                "1", "--batch", "16", "--limit", "32", "--out", run.toString()), e.toString());
    }

    @Test
    void filesAreCreatedWithTheUsualModeSoThatOtherAccountsCanReadThem() throws IOException {
        Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path weights = tmp.resolve("weights.npz");
        assertEquals(0, execute(out, err, "export", "--checkpoint", run.toString(), "--out", weights.toString()),
                err.toString());
        // The reference: what this process's umask gives any new file.
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("plain")));
        for (Path file : List.of(run.resolve("checkpoint.zip"), run.resolve("history.json"),
                run.resolve("train-settings.json"), weights)) {
            assertEquals(usual, Files.getPosixFilePermissions(file), file.toString());
        }
    }

    @Test
    void evaluatePrintsItsResultWhenTheChartCannotBeWrittenAndOnlyWarns() throws IOException {
        // A directory under a regular file cannot be created, even by root (who ignores permission bits).
        Path blocked = Files.writeString(tmp.resolve("a-file"), "x").resolve("out");
        int status = execute(out, err, "evaluate", "--checkpoint", run.toString(), "--data", "shipped", "--limit", "20",
                "--out", blocked.toString());
        assertEquals(0, status, err.toString());
        String text = out.toString();
        assertTrue(text.matches("(?s)accuracy \\d+\\.\\d+% \\(\\d+ of 20 test images.*"), text);
        assertTrue(text.contains("confusion matrix (rows: true class, columns: predicted class)"), text);
        String warning = err.toString().strip();
        assertEquals(1, warning.lines().count(), warning);
        assertTrue(warning.contains("warning: the confusion chart was not written to " + blocked.resolve("charts")), warning);
        assertTrue(warning.contains("is a file, not a directory"), warning);
        assertFalse(warning.contains("Exception"), warning);
    }
}
