package org.convlab.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.convlab.cli.ConvLabCommand;
import org.convlab.experiments.ExperimentRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code convlab draw} on the command line: files named after --out, clear errors for bad settings. */
class DrawCommandTest {

    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        CommandLine cli = ConvLabCommand.commandLine(new ExperimentRegistry(List.of()));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void drawsTheStillAndMatrixNamedAfterOut() {
        StringWriter err = new StringWriter();
        int code = run(err, "draw", "conv", "--input", "4x4", "--kernel", "3", "--matrix", "--out",
                dir.resolve("c.png").toString());
        assertEquals(0, code, err.toString());
        assertTrue(Files.exists(dir.resolve("c.png")) && Files.exists(dir.resolve("c.svg")));
        assertTrue(Files.exists(dir.resolve("c-matrix.png")) && Files.exists(dir.resolve("c-matrix.svg")));
    }

    @Test
    void badSettingsNameTheOptionAndWhatWasFound() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "draw", "cnov", "--input", "5x5", "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().contains("unknown convolution type 'cnov'"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "draw", "conv", "--input", "5x5", "--kernel", "3x3x3", "--out",
                dir.resolve("x").toString()));
        assertTrue(err.toString().contains("--kernel"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "draw", "transposed", "--input", "3x3", "--stride", "2", "--output-padding", "2",
                "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().toLowerCase().contains("outputpadding") || err.toString().contains("output"),
                err.toString());
    }
}
