package org.convlab.cli.train;

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
import org.convlab.cli.ConvLabCommand;
import org.convlab.experiments.ExperimentRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Each message the issue names, as the user reads it: one line, in words, pointing at the fix. */
class MessagesTest {
    private static final String SMALL_CNN = Path.of("models", "small-cnn.json").toString();

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = ConvLabCommand.commandLine(new ExperimentRegistry(List.of()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** The one line on stderr of a failed command. */
    private String failure(String... args) {
        int status = execute(args);
        String message = err.toString().strip();
        assertNotEquals(0, status, message);
        assertEquals(1, message.lines().count(), message);
        assertFalse(message.contains("Exception") || message.contains("\tat "), message);
        return message;
    }

    private String[] train(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--model", SMALL_CNN, "--epochs", "1",
                "--out", tmp.resolve("run").toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void nanLearningRateGetsTheSameMessageInEverySpelling() {
        String lower = failure(train("--lr", "nan"));
        String upper = failure(train("--lr", "NaN"));
        assertTrue(lower.contains("'nan' is not a finite number"), lower);
        assertEquals(lower.replace("'nan'", "'NaN'"), upper);
        assertTrue(failure(train("--lr", "-Infinity")).contains("is not a finite number"));
        assertTrue(failure(train("--lr", "fast")).contains("'fast' is not a number"));
    }

    @Test
    void aSeedThatIsNotANumberAsksForAnInteger() {
        String message = failure(train("--seed", "abc"));
        assertTrue(message.contains("'abc' is not an integer"), message);
        assertFalse(message.contains("long"), message);
        assertTrue(failure("reproduce", "--seed", "4.2").contains("'4.2' is not an integer"));
    }

    @Test
    void aMisspeltSettingIsNamedWithTheClosestKnownOne() throws IOException {
        Path model = Files.writeString(tmp.resolve("typo.json"),
                "{\"layers\": [{\"type\": \"Conv2d\", \"in\": 1, \"out\": 4, \"kernal\": 3}]}");
        String message = failure("summary", "--model", model.toString(), "--input", "1,28,28");
        assertTrue(message.contains("layer 0 (Conv2d): unknown setting 'kernal'; did you mean 'kernel'?"), message);
        assertFalse(message.contains("missing"), message);

        Path optional = Files.writeString(tmp.resolve("typo2.json"),
                "{\"layers\": [{\"type\": \"Conv2d\", \"in\": 1, \"out\": 4, \"kernel\": 3, \"padidng\": 1}]}");
        message = failure("summary", "--model", optional.toString(), "--input", "1,28,28");
        assertTrue(message.contains("unknown setting 'padidng'; did you mean 'padding'?"), message);

        Path type = Files.writeString(tmp.resolve("typo3.json"), "{\"layers\": [{\"type\": \"Conv2D\"}]}");
        message = failure("summary", "--model", type.toString(), "--input", "1,28,28");
        assertTrue(message.contains("unknown layer type 'Conv2D'; did you mean 'Conv2d'?"), message);
    }

    @Test
    void invalidJsonGivesLineAndColumn() throws IOException {
        Path model = Files.writeString(tmp.resolve("bad.json"), "{\"layers\": [\n  {\"type\": \"ReLU\"},\n  }\n]}");
        String message = failure("summary", "--model", model.toString(), "--input", "1,28,28");
        assertTrue(message.contains("not valid JSON at line 3, column 3"), message);
        assertFalse(message.contains("Source:"), message);
    }

    @Test
    void aShapeMismatchNamesTheLayerIndexAndTheLayer() {
        // 1x32x32 reaches the first Linear (index 7) as 64*8*8 = 4096 features instead of 3136.
        String message = failure("summary", "--model", SMALL_CNN, "--input", "1,32,32");
        assertTrue(message.contains("layer 7 (Linear)"), message);
        assertTrue(message.contains("3136") && message.contains("4096"), message);
    }

    @Test
    void ioErrorsSayTheReasonInWordsWithoutTemporaryFileNames() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path trained = tmp.resolve("trained");
        assertEquals(0, execute("train", "--model", SMALL_CNN, "--data", "shipped", "--epochs", "1", "--batch", "16",
                "--limit", "32", "--out", trained.toString()), err.toString());
        String message = failure("export", "--checkpoint", trained.toString(), "--out",
                file.resolve("w.npz").toString());
        assertTrue(message.contains("cannot write " + file.resolve("w.npz") + ": " + file + " is a file, not a directory"),
                message);
        assertFalse(message.contains(".tmp") || message.contains("FileAlreadyExists") || message.contains("NoSuchFile"),
                message);

        message = failure("train", "--model", SMALL_CNN, "--data", "shipped", "--epochs", "1", "--out",
                file.resolve("run").toString());
        assertTrue(message.contains("is a file, not a directory"), message);
        assertFalse(message.contains("Exception") || message.contains("FileAlreadyExists"), message);
    }

    @Test
    void countsAgreeWithTheirNouns() throws IOException {
        Path run = tmp.resolve("one");
        assertEquals(0, execute("train", "--model", SMALL_CNN, "--data", "shipped", "--epochs", "1", "--batch", "16",
                "--limit", "32", "--out", run.toString()), err.toString());
        assertEquals(0, execute("train", "--resume", "--epochs", "1", "--out", run.toString()), err.toString());
        assertTrue(out.toString().contains("already holds 1 trained epoch (--epochs 1)"), out.toString());
        assertEquals(0, execute("evaluate", "--checkpoint", run.toString(), "--data", "shipped", "--limit", "20"),
                err.toString());
        assertTrue(out.toString().contains("model trained 1 epoch,"), out.toString());
    }
}
