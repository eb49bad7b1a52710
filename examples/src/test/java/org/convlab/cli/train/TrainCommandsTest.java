package org.convlab.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.convlab.cli.ConvLabCommand;
import org.convlab.data.fashion.FashionMnist;
import org.convlab.experiments.ExperimentRegistry;
import org.convlab.io.Checkpoint;
import org.convlab.train.History;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;

/**
 * The model commands run in-process through picocli, on a slice of the shipped Fashion-MNIST
 * subset ({@code --limit}) so that training takes seconds.
 */
class TrainCommandsTest {
    private static final Path MODELS = Path.of("models");
    private static final Path SMALL_CNN = MODELS.resolve("small-cnn.json");
    private static final String LIMIT = "64";

    @TempDir
    static Path shared;

    /** A one-epoch run of the small CNN, made once for the tests that read a trained run. */
    static Path trained;

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = ConvLabCommand.commandLine(new ExperimentRegistry(List.of()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private int execute(String... args) {
        return run(out, err, args);
    }

    private static String[] trainArgs(Path dir, int epochs, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--model", SMALL_CNN.toString(), "--data", "shipped",
                "--epochs", Integer.toString(epochs), "--batch", "16", "--out", dir.toString(), "--limit", LIMIT));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @BeforeAll
    static void trainOneEpoch() {
        trained = shared.resolve("run");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertEquals(0, run(o, e, trainArgs(trained, 1)), e.toString());
    }

    // ---- summary ----

    static Stream<Arguments> shippedConfigs() {
        // Parameters counted by hand: weights + biases; BatchNorm has a scale and a shift per channel.
        long smallCnn = (32 * 9 + 32) + (64 * 32 * 9 + 64) + (3136 * 128 + 128) + (128 * 10 + 10);
        long depthwiseSeparable = (32 * 9 + 32) + 2 * 32
                + (32 * 9 + 64 * 32 + 64) + 2 * 64
                + (64 * 9 + 128 * 64 + 128) + 2 * 128
                + (128 * 10 + 10);
        long groupedNin = (32 * 9 + 32) + 2 * 32 + (32 * 32 + 32)
                + (64 * (32 / 4) * 9 + 64) + 2 * 64 + (64 * 64 + 64)
                + (128 * (64 / 8) * 9 + 128) + 2 * 128 + (128 * 10 + 10);
        return Stream.of(Arguments.of("small-cnn.json", smallCnn, 10),
                Arguments.of("depthwise-separable-cnn.json", depthwiseSeparable, 13),
                Arguments.of("grouped-nin.json", groupedNin, 17));
    }

    @ParameterizedTest
    @MethodSource("shippedConfigs")
    void summaryOfEachShippedConfigPrintsItsLayersAndTheHandCountedTotal(String file, long parameters, int layers) {
        assertEquals(0, execute("summary", "--model", MODELS.resolve(file).toString(), "--input", "1,28,28"),
                err.toString());
        String table = out.toString();
        assertEquals(421_642, shippedConfigs().findFirst().map(a -> (Long) a.get()[1]).orElseThrow());
        String total = table.lines().filter(l -> l.strip().startsWith("total")).findFirst().orElseThrow();
        assertTrue(total.contains(String.format(Locale.ROOT, "%,d", parameters)), total);
        assertTrue(total.contains("input [1, 1, 28, 28]"), total);
        long layerLines = table.lines().filter(l -> l.matches("\\d+\\s+\\S+\\s+\\[.*")).count();
        assertEquals(layers, layerLines, table);
        String last = table.lines().filter(l -> l.matches("\\d+\\s+\\S+\\s+\\[.*")).reduce((a, b) -> b).orElseThrow();
        assertTrue(last.contains("[1, 10]"), "a classifier of 10 classes: " + last);
    }

    @Test
    void summaryOfTheSmallCnnCountsEachLayer() {
        assertEquals(0, execute("summary", "--model", SMALL_CNN.toString(), "--input", "1,28,28"));
        String table = out.toString();
        assertRow(table, "Conv2d", "[1, 32, 28, 28]", "320");
        assertRow(table, "Conv2d", "[1, 64, 14, 14]", "18,496");
        assertRow(table, "Linear", "[1, 128]", "401,536");
        assertRow(table, "Linear", "[1, 10]", "1,290");
    }

    private static void assertRow(String table, String layer, String shape, String params) {
        assertTrue(table.lines().anyMatch(l -> l.contains(layer) && l.contains(shape)
                && l.matches(".*\\s" + Pattern.quote(params) + "\\s+[\\d,]+$")), layer + " " + shape + "\n" + table);
    }

    // ---- train and resume ----

    @Test
    void trainWritesCheckpointHistoryAndCharts() throws IOException {
        assertTrue(Files.isRegularFile(trained.resolve("checkpoint.zip")));
        assertTrue(Files.isRegularFile(trained.resolve("train-settings.json")));
        History h = History.fromJson(Files.readString(trained.resolve("history.json"), StandardCharsets.UTF_8));
        assertEquals(1, h.epochs().size());
        assertEquals(Integer.parseInt(LIMIT) / 16, h.stepLosses().size());
        assertTrue(h.epochs().get(0).value("val_accuracy") >= 0);
        for (String chart : List.of("train-loss", "train-accuracy")) {
            for (String ext : List.of(".png", ".svg")) {
                Path f = trained.resolve("charts").resolve(chart + ext);
                assertTrue(Files.size(f) > 1000, f.toString());
            }
        }
        assertEquals(1, Checkpoint.read(trained.resolve("checkpoint.zip")).trainingState().epoch());
    }

    @Test
    void resumeContinuesToTheTotalEpochsExactlyAsAnUninterruptedRun() throws IOException {
        Path straight = tmp.resolve("straight");
        assertEquals(0, execute(trainArgs(straight, 2)), err.toString());

        Path interrupted = tmp.resolve("interrupted");
        assertEquals(0, execute(trainArgs(interrupted, 1)), err.toString());
        assertEquals(0, execute("train", "--resume", "--epochs", "2", "--out", interrupted.toString()), err.toString());
        assertTrue(out.toString().contains("resuming after epoch 1"), out.toString());

        History a = History.fromJson(Files.readString(straight.resolve("history.json")));
        History b = History.fromJson(Files.readString(interrupted.resolve("history.json")));
        assertEquals(2, b.epochs().size());
        assertEquals(a, b, "the resumed run's history equals the uninterrupted one, bit for bit");
        assertEquals(2, Checkpoint.read(interrupted.resolve("checkpoint.zip")).trainingState().epoch());
    }

    // ---- evaluate and export ----

    @Test
    void evaluatePrintsAccuracyAndAConfusionMatrixOverEveryEvaluatedImage() throws IOException {
        Path charts = tmp.resolve("eval");
        assertEquals(0, execute("evaluate", "--checkpoint", trained.toString(), "--data", "shipped", "--limit", "50",
                "--out", charts.toString()), err.toString());
        String text = out.toString();
        Matcher accuracy = Pattern.compile("accuracy (\\d+\\.\\d+)% \\((\\d+) of (\\d+) test images").matcher(text);
        assertTrue(accuracy.find(), text);
        assertEquals("50", accuracy.group(3));

        Pattern row = Pattern.compile("^(\\d) (.+?)((?:\\s+\\d+){10})\\s+(\\d+\\.\\d%|-)$");
        long sum = 0;
        long diagonal = 0;
        int rows = 0;
        for (String line : text.lines().toList()) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                int r = Integer.parseInt(m.group(1));
                assertEquals(r, rows, line);
                assertEquals(FashionMnist.CLASS_NAMES.get(r), m.group(2).strip());
                String[] counts = m.group(3).strip().split("\\s+");
                assertEquals(10, counts.length);
                for (int c = 0; c < 10; c++) {
                    sum += Long.parseLong(counts[c]);
                    diagonal += c == r ? Long.parseLong(counts[c]) : 0;
                }
                rows++;
            }
        }
        assertEquals(10, rows, text);
        assertEquals(50, sum, "the matrix counts every evaluated image once");
        assertEquals(Long.parseLong(accuracy.group(2)), diagonal, "correct = the diagonal");
        assertTrue(Files.size(charts.resolve("charts/evaluate-confusion.png")) > 1000);
        assertTrue(Files.size(charts.resolve("charts/evaluate-confusion.svg")) > 1000);
    }

    @Test
    void exportWritesAnNpzThatNd4jReadsWithTheParameterNames() throws Exception {
        Path file = tmp.resolve("weights.npz");
        assertEquals(0, execute("export", "--checkpoint", trained.resolve("checkpoint.zip").toString(),
                "--out", file.toString()), err.toString());
        assertTrue(out.toString().contains("wrote 8 arrays (421,642 parameters)"), out.toString());
        Map<String, INDArray> arrays = Nd4j.createFromNpzFile(file.toFile());
        TreeSet<String> names = new TreeSet<>();
        arrays.keySet().forEach(k -> names.add(k.replaceAll("\\.npy$", "")));
        assertEquals(new TreeSet<>(List.of("0.Conv2d.weight", "0.Conv2d.bias", "3.Conv2d.weight", "3.Conv2d.bias",
                "7.Linear.weight", "7.Linear.bias", "9.Linear.weight", "9.Linear.bias")), names);
        INDArray conv2 = arrays.containsKey("3.Conv2d.weight") ? arrays.get("3.Conv2d.weight")
                : arrays.get("3.Conv2d.weight.npy");
        assertArrayEquals(new long[] {64, 32, 3, 3}, conv2.shape());
    }

    // ---- bad arguments: one line on stderr, a non-zero status, no stack trace ----

    @Test
    void unknownLayerTypeInTheConfig() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.json"),
                "{\"layers\": [{\"type\": \"Conv2d\", \"in\": 1, \"out\": 4, \"kernel\": [3]}, {\"type\": \"Convolution9d\"}]}");
        assertFails("unknown layer type 'Convolution9d'", "summary", "--model", bad.toString(), "--input", "1,28,28");
        assertFails("unknown layer type 'Convolution9d'", "train", "--model", bad.toString(), "--epochs", "1",
                "--out", tmp.resolve("o").toString());
    }

    @Test
    void invalidJson() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"layers\": [");
        assertFails("not valid JSON", "summary", "--model", bad.toString(), "--input", "1,28,28");
    }

    @Test
    void missingModelFile() {
        assertFails("does not exist", "summary", "--model", tmp.resolve("nope.json").toString(), "--input", "1,28,28");
    }

    @Test
    void shapeThatDoesNotFitTheModel() {
        assertFails("does not fit the input [1, 3, 28, 28]", "summary", "--model", SMALL_CNN.toString(),
                "--input", "3,28,28");
        assertFails("does not fit the input [1, 1, 32, 32]", "summary", "--model", SMALL_CNN.toString(),
                "--input", "1,32,32");
    }

    @Test
    void malformedInputShapeIsAUsageError() {
        assertEquals(2, assertFails("--input", "summary", "--model", SMALL_CNN.toString(), "--input", "1,x,28"));
        assertEquals(2, assertFails("every size must be >= 1", "summary", "--model", SMALL_CNN.toString(),
                "--input", "1,0,28"));
    }

    @Test
    void dataDirectoryWithoutTheFiles() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertFails("expected the Fashion-MNIST files", "train", "--model", SMALL_CNN.toString(), "--data",
                empty.toString(), "--epochs", "1", "--out", tmp.resolve("o").toString());
        assertFails("no such directory", "evaluate", "--checkpoint", trained.toString(), "--data",
                tmp.resolve("missing").toString());
    }

    @Test
    void resumeWithoutACheckpoint() {
        assertFails("--resume: no checkpoint in", "train", "--resume", "--epochs", "2", "--out",
                tmp.resolve("o").toString());
    }

    @Test
    void resumeWithAnotherBatchSizeIsRefused() throws IOException {
        Path copy = copyOfTrainedRun();
        assertEquals(2, assertFails("--batch 32 differs from the run", "train", "--resume", "--epochs", "2",
                "--batch", "32", "--out", copy.toString()));
    }

    @Test
    void trainingIntoAnExistingRunWithoutResumeIsRefused() {
        assertFails("already holds a training run", trainArgs(trained, 2));
    }

    @Test
    void unknownOptimizer() {
        assertEquals(2, assertFails("--optimizer must be adam or sgd", trainArgs(tmp.resolve("o"), 1, "--optimizer",
                "rmsprop")));
    }

    @Test
    void missingCheckpoint() {
        assertFails("no checkpoint at", "evaluate", "--checkpoint", tmp.toString());
        assertFails("no checkpoint at", "export", "--checkpoint", tmp.resolve("x.zip").toString(), "--out",
                tmp.resolve("w.npz").toString());
    }

    @Test
    void corruptedCheckpoint() throws IOException {
        Path file = Files.write(tmp.resolve("checkpoint.zip"), new byte[] {1, 2, 3});
        assertFails("truncated or corrupted", "export", "--checkpoint", file.toString(), "--out",
                tmp.resolve("w.npz").toString());
    }

    private Path copyOfTrainedRun() throws IOException {
        Path copy = Files.createDirectories(tmp.resolve("copy"));
        for (String f : List.of("checkpoint.zip", "train-settings.json", "history.json")) {
            Files.copy(trained.resolve(f), copy.resolve(f));
        }
        return copy;
    }

    /** Runs the command, expects a non-zero status and one line on stderr naming the problem; returns the status. */
    private int assertFails(String expected, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        int status = execute(args);
        String message = err.toString().strip();
        assertNotEquals(0, status, message);
        assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
        assertEquals(1, message.lines().count(), message);
        assertFalse(message.contains("\tat ") || message.contains("Exception"), message);
        return status;
    }
}
