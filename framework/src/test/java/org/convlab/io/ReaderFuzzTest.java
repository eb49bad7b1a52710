package org.convlab.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convlab.nn.Sequential;
import org.convlab.optim.Adam;
import org.convlab.testing.FuzzRun;
import org.convlab.testing.MutationFuzzer;
import org.convlab.testing.MutationFuzzer.FormatMutation;
import org.convlab.testing.ZipMutations;
import org.convlab.train.History;
import org.convlab.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded mutation fuzzing of the readers of {@code .npy} arrays, checkpoint zips and model JSON:
 * every mutated file either loads or raises the reader's documented exception naming the file;
 * nothing else, no load slower than {@link #TIMEOUT_MS}, and no load allocating far more heap than the
 * file's size (a header claiming more than the file holds is refused before the allocation).
 * A few hundred mutations per format here, {@value #LONG_COUNT} under {@code -Plong}.
 */
class ReaderFuzzTest {
    static final int LONG_COUNT = 10_000;
    private static final int COUNT = FuzzRun.count(300, LONG_COUNT);
    private static final long TIMEOUT_MS = 20_000;
    private static final String MODEL = "{\"layers\":["
            + "{\"type\":\"Conv2d\",\"in\":1,\"out\":2,\"kernel\":[3]},"
            + "{\"type\":\"BatchNorm2d\",\"features\":2},{\"type\":\"ReLU\"},"
            + "{\"type\":\"Flatten\"},{\"type\":\"Linear\",\"in\":72,\"out\":3}],\"seed\":5}";

    @TempDir
    Path dir;

    // ---- .npy ----

    @Test
    void everyMutatedNpyArrayLoadsOrIsRefusedWithTheDocumentedError() {
        byte[] valid = NpyFormat.encode(Nd4j.linspace(1, 12, 12, DataType.FLOAT).reshape(3, 4));
        int headerEnd = 10 + (valid[8] & 0xFF);
        String header = new String(valid, 10, headerEnd - 10, StandardCharsets.US_ASCII);
        List<FormatMutation> extra = List.of(
                new FormatMutation("extreme shape", rng -> npyWithHeader(valid, header, header.replace("(3, 4)",
                        List.of("(2147483647, 2147483647)", "(-1, 12)", "()", "(0, 4)", "(4294967296, 4294967296)",
                                "(9223372036854775807,)", "(" + "1, ".repeat(255) + ")", "(12,)", "(3, 4, 0)")
                                .get(rng.nextInt(9))))),
                new FormatMutation("extreme header length", rng -> MutationFuzzer.putInt(valid, 8,
                        MutationFuzzer.EXTREME_INTS[rng.nextInt(MutationFuzzer.EXTREME_INTS.length)], ByteOrder.LITTLE_ENDIAN)),
                new FormatMutation("version 2 with an extreme header length", rng -> {
                    byte[] v2 = MutationFuzzer.putInt(valid, 8,
                            MutationFuzzer.EXTREME_INTS[rng.nextInt(MutationFuzzer.EXTREME_INTS.length)], ByteOrder.LITTLE_ENDIAN);
                    v2[6] = 2;
                    return v2;
                }),
                new FormatMutation("other dtype", rng -> npyWithHeader(valid, header, header.replace("<f4",
                        List.of("<f8", "<i8", "<i4", ">f4", "|u1", "<c8").get(rng.nextInt(6))))));
        MutationFuzzer fuzzer = new MutationFuzzer(11, valid, 0, 6, 8, 10, headerEnd, headerEnd + 4, valid.length - 4)
                .withFormatMutations(extra);
        try (FuzzRun run = new FuzzRun(".npy", List.of(IllegalArgumentException.class), "weights.npy", TIMEOUT_MS,
                1 << 20)) {
            fuzzer.everyBoundaryTruncation().forEach(m -> run.attempt(m, b -> NpyFormat.decode(b, "weights.npy")));
            for (int i = 0; i < COUNT; i++) {
                run.attempt(fuzzer.next(), b -> NpyFormat.decode(b, "weights.npy"));
            }
            assertTrue(run.failures().isEmpty(), run.figures() + "\n" + String.join("\n", run.failures()));
            assertTrue(run.outcomes().containsKey("valid load") && run.outcomes().size() >= 2, run.figures());
        }
    }

    /** The same file with another header text, padded to keep the data aligned as NumPy does. */
    private static byte[] npyWithHeader(byte[] valid, String oldHeader, String newHeader) {
        String dict = newHeader.strip();
        int unpadded = 10 + dict.length() + 1;
        String padded = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        byte[] data = java.util.Arrays.copyOfRange(valid, 10 + oldHeader.length(), valid.length);
        byte[] out = new byte[10 + padded.length() + data.length];
        System.arraycopy(valid, 0, out, 0, 8);
        out[8] = (byte) padded.length();
        out[9] = (byte) (padded.length() >> 8);
        System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, out, 10, padded.length());
        System.arraycopy(data, 0, out, 10 + padded.length(), data.length);
        return out;
    }

    // ---- checkpoint zip ----

    @Test
    void everyMutatedCheckpointLoadsOrIsRefusedWithTheDocumentedError() throws Exception {
        Sequential model = ModelConfig.fromJson(MODEL).build();
        Adam adam = Adam.builder(model.parameters()).learningRate(0.01).build();
        History history = new History(List.of(), List.of(0.75));
        Path good = dir.resolve("good.zip");
        Checkpoint.save(good, model, adam, new TrainingState(1, 1, 7, history));
        byte[] valid = Files.readAllBytes(good);
        Map<String, byte[]> entries = ZipMutations.entries(valid);
        long bombSize = FuzzRun.LONG ? 4L << 30 : 1L << 30;
        long start = System.nanoTime();
        byte[] bomb = ZipMutations.bomb(entries, Checkpoint.HISTORY, bombSize);
        System.out.printf("fuzz checkpoint: a %d-byte zip whose history.json inflates to %d bytes (made in %.1f s)%n",
                bomb.length, bombSize, (System.nanoTime() - start) / 1e9);
        List<FormatMutation> extra = new ArrayList<>(ZipMutations.all(entries, valid, bomb));
        extra.add(new FormatMutation("manifest field set to an extreme value", rng -> {
            Map<String, byte[]> copy = new java.util.LinkedHashMap<>(entries);
            copy.put(Checkpoint.MANIFEST, extremeNumber(new String(entries.get(Checkpoint.MANIFEST),
                    StandardCharsets.UTF_8), rng).getBytes(StandardCharsets.UTF_8));
            return ZipMutations.zip(ZipMutations.list(copy), false);
        }));
        extra.add(new FormatMutation("entry bytes mutated, CRC-32 of the zip kept valid", rng -> {
            Map<String, byte[]> copy = new java.util.LinkedHashMap<>(entries);
            List<String> names = new ArrayList<>(copy.keySet());
            String name = names.get(rng.nextInt(names.size()));
            copy.put(name, new MutationFuzzer(rng.nextLong(), copy.get(name)).bitFlips(copy.get(name), 1));
            return ZipMutations.zip(ZipMutations.list(copy), false);
        }));
        MutationFuzzer fuzzer = new MutationFuzzer(13, valid, entryBoundaries(valid)).withFormatMutations(extra);
        Path file = dir.resolve("checkpoint.zip");
        FuzzRun.Load load = b -> {
            Files.write(file, b);
            Checkpoint.read(file).buildModel();
        };
        try (FuzzRun run = new FuzzRun("checkpoint zip", List.of(CheckpointException.class,
                IllegalArgumentException.class), file.toString(), TIMEOUT_MS, 4 << 20)) {
            fuzzer.everyBoundaryTruncation().forEach(m -> run.attempt(m, load));
            for (int i = 0; i < COUNT; i++) {
                run.attempt(fuzzer.next(), load);
            }
            assertTrue(run.failures().isEmpty(), run.figures() + "\n" + String.join("\n", run.failures()));
            assertTrue(run.outcomes().containsKey("valid load"), run.figures());
        }
    }

    /** Where each zip header starts: the structural boundaries of a zip. */
    private static int[] entryBoundaries(byte[] zip) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i + 4 <= zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] < 8 && zip[i + 3] < 9) {
                out.add(i);
                out.add(i + 4);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final String[] EXTREME_NUMBERS = {"2147483647", "-2147483648", "-1", "0", "255",
        "9223372036854775807", "1e400", "-0.0", "4294967296", "1" + "0".repeat(40)};

    /** The text with one of its numbers replaced by an extreme one. */
    private static String extremeNumber(String json, java.util.SplittableRandom rng) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = NUMBER.matcher(json);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        int[] s = spans.get(rng.nextInt(spans.size()));
        return json.substring(0, s[0]) + EXTREME_NUMBERS[rng.nextInt(EXTREME_NUMBERS.length)] + json.substring(s[1]);
    }

    // ---- model JSON ----

    @Test
    void everyMutatedModelConfigLoadsOrIsRefusedWithTheDocumentedError() {
        String pretty = ModelConfig.fromJson(MODEL).toJson();
        byte[] valid = pretty.getBytes(StandardCharsets.UTF_8);
        List<Integer> tokens = new ArrayList<>();
        for (int i = 0; i < valid.length; i++) {
            if ("{}[],:\"".indexOf(valid[i]) >= 0) {
                tokens.add(i);
            }
        }
        List<FormatMutation> extra = List.of(
                new FormatMutation("setting set to an extreme value",
                        rng -> extremeNumber(pretty, rng).getBytes(StandardCharsets.UTF_8)),
                new FormatMutation("deep nesting", rng -> pretty.replace("\"layers\" : [",
                        "\"layers\" : " + "[".repeat(2000 + rng.nextInt(100))).getBytes(StandardCharsets.UTF_8)),
                new FormatMutation("type name changed", rng -> pretty.replace("\"Linear\"",
                        List.of("\"Sequential\"", "\"\"", "null", "7", "\"linear\"", "{}").get(rng.nextInt(6)))
                        .getBytes(StandardCharsets.UTF_8)));
        MutationFuzzer fuzzer = new MutationFuzzer(17, valid, tokens.stream().mapToInt(Integer::intValue).toArray())
                .withFormatMutations(extra);
        Path file = dir.resolve("model.json");
        FuzzRun.Load load = b -> {
            Files.write(file, b);
            ModelConfig config = ModelConfig.read(file);
            try {
                config.build();
            } catch (IllegalArgumentException e) {
                // As the command line reports it: the file, then the layer and setting.
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        };
        // Building a model allocates its weights: the allowance is the largest layer a mutated size can ask for.
        try (FuzzRun run = new FuzzRun("model JSON", List.of(IllegalArgumentException.class), file.toString(),
                TIMEOUT_MS, Long.MAX_VALUE / 2)) {
            fuzzer.everyBoundaryTruncation().forEach(m -> run.attempt(m, load));
            for (int i = 0; i < COUNT; i++) {
                run.attempt(fuzzer.next(), load);
            }
            assertTrue(run.failures().isEmpty(), run.figures() + "\n" + String.join("\n", run.failures()));
            assertTrue(run.outcomes().containsKey("valid load"), run.figures());
        }
    }
}
