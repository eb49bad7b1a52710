package org.convlab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.convlab.nn.Parameter;
import org.convlab.nn.Sequential;
import org.convlab.nn.loss.SoftmaxCrossEntropy;
import org.convlab.optim.Adam;
import org.convlab.optim.Optimizer;
import org.convlab.optim.schedule.CosineAnnealing;
import org.convlab.train.Accuracy;
import org.convlab.train.BarImages;
import org.convlab.train.BatchSource;
import org.convlab.train.History;
import org.convlab.train.LearningRateScheduling;
import org.convlab.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class CheckpointTest {
    /** Has parameters, BatchNorm buffers and a dropout mask stream: everything a resume must restore. */
    private static final String MODEL = "{\"layers\":["
            + "{\"type\":\"Conv2d\",\"in\":1,\"out\":4,\"kernel\":[3],\"padding\":[1]},"
            + "{\"type\":\"BatchNorm2d\",\"features\":4},{\"type\":\"ReLU\"},{\"type\":\"MaxPool2d\",\"kernel\":[2]},"
            + "{\"type\":\"Flatten\"},{\"type\":\"Dropout\",\"p\":0.2},{\"type\":\"Linear\",\"in\":64,\"out\":2}],"
            + "\"seed\":5}";

    @TempDir
    Path dir;

    private final BarImages train = new BarImages(80, 8, 16, 1, 0.5);
    private final BatchSource validation = new BarImages(32, 8, 16, 2, 0.5).unshuffled();

    private static Trainer trainer(Sequential model, Optimizer optimizer) {
        return Trainer.builder(model, new SoftmaxCrossEntropy(), optimizer).metrics(new Accuracy()).seed(17)
                .callbacks(new LearningRateScheduling(new CosineAnnealing(15, 1e-4), 0.01,
                        LearningRateScheduling.Unit.STEP))
                .build();
    }

    private static Adam adam(Sequential model) {
        return Adam.builder(model.parameters()).learningRate(0.01).build();
    }

    private static double[] flat(Sequential model) {
        List<Double> all = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            for (double v : p.value().castTo(DataType.DOUBLE).data().asDouble()) {
                all.add(v);
            }
        }
        model.buffers().values().forEach(b -> {
            for (double v : b.castTo(DataType.DOUBLE).data().asDouble()) {
                all.add(v);
            }
        });
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private Path trainedCheckpoint(int epochs) throws IOException {
        Sequential model = ModelConfig.fromJson(MODEL).build();
        Trainer t = trainer(model, adam(model));
        t.fit(train, validation, epochs);
        Path file = dir.resolve("run.ckpt");
        Checkpoint.save(file, model, t.optimizer(), t.state());
        return file;
    }

    @Test
    void resumingAfterTwoEpochsEqualsThreeUninterruptedEpochsBitForBit() throws IOException {
        Sequential straight = ModelConfig.fromJson(MODEL).build();
        History full = trainer(straight, adam(straight)).fit(train, validation, 3);

        Checkpoint cp = Checkpoint.read(trainedCheckpoint(2));
        Sequential resumed = cp.buildModel();
        Adam optimizer = adam(resumed);
        cp.restoreOptimizer(optimizer);
        Trainer t = trainer(resumed, optimizer);
        t.restore(cp.trainingState());
        History continued = t.fit(train, validation, 3);

        assertArrayEquals(flat(straight), flat(resumed), 0);
        assertArrayEquals(full.stepLossArray(), continued.stepLossArray(), 0);
        assertArrayEquals(full.series("loss"), continued.series("loss"), 0);
        assertArrayEquals(full.series("val_loss"), continued.series("val_loss"), 0);
        assertEquals(full, continued);
    }

    @Test
    void aSaveInterruptedHalfwayLeavesThePreviousCheckpointLoadable() throws IOException {
        Path file = trainedCheckpoint(1);
        byte[] before = Files.readAllBytes(file);
        Sequential other = ModelConfig.fromJson(MODEL.replace("\"seed\":5", "\"seed\":6")).build();
        Trainer t = trainer(other, adam(other));
        int half = before.length / 2;
        IOException e = assertThrows(IOException.class, () -> Checkpoint.save(file, other, t.optimizer(), t.state(),
                out -> new FailingAfter(out, half)));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        Checkpoint.read(file).buildModel();
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "the temporary file must be removed");
        }
    }

    /** A stream that fails like a full disk after {@code limit} bytes. */
    private static final class FailingAfter extends FilterOutputStream {
        private long left;

        FailingAfter(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (left-- <= 0) {
                throw new IOException("disk full (simulated)");
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }

    @Test
    void aTruncatedFileIsAClearError() throws IOException {
        Path file = trainedCheckpoint(1);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.ckpt");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aFlippedByteInAnArrayFailsItsChecksum() throws IOException {
        Path file = trainedCheckpoint(1);
        byte[] bytes = Files.readAllBytes(file);
        String entry = "param/6.Linear.weight.npy";
        // The entry's local header: its name directly followed by the .npy magic (the manifest names it too).
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        byte[] marker = java.util.Arrays.copyOf(name, name.length + 6);
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, 0, marker, name.length, 6);
        int at = indexOf(bytes, marker);
        assertTrue(at > 0);
        // Past the 128-byte .npy header: inside the weights.
        bytes[at + name.length + 200] ^= 0x10;
        Files.write(file, bytes);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().contains(entry) && e.getMessage().contains("corrupted"), e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aFlippedByteInTheManifestIsAClearError() throws IOException {
        Path file = trainedCheckpoint(1);
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, "\"format\"".getBytes(StandardCharsets.UTF_8));
        bytes[at] = '(';
        Files.write(file, bytes);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().startsWith(file + ": manifest.json is corrupted"), e.getMessage());
    }

    @Test
    void aModelWithAnotherLayerTypeIsRejectedNamingTheLayer() throws IOException {
        Checkpoint cp = Checkpoint.read(trainedCheckpoint(1));
        Sequential wrong = ModelConfig.fromJson(MODEL.replace("\"type\":\"MaxPool2d\"", "\"type\":\"AvgPool2d\"")).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cp.restoreModel(wrong));
        assertTrue(e.getMessage().contains("layer 3 is a MaxPool2d in the checkpoint but a AvgPool2d"), e.getMessage());
    }

    @Test
    void aModelWithAnotherShapeIsRejectedAndLeftUntouched() throws IOException {
        Checkpoint cp = Checkpoint.read(trainedCheckpoint(1));
        // Same layer types, a wider last layer: the mismatch is found after earlier arrays matched.
        Sequential wrong = ModelConfig.fromJson(MODEL.replace("\"out\":2}", "\"out\":3}")).build();
        double[] before = flat(wrong);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cp.restoreModel(wrong));
        assertTrue(e.getMessage().contains("'6.Linear.weight' is FLOAT[2, 64] in the checkpoint but FLOAT[3, 64]"),
                e.getMessage());
        assertArrayEquals(before, flat(wrong), 0);
    }

    @Test
    void aMissingFileIsAClearError() {
        Path nowhere = dir.resolve("none.ckpt");
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(nowhere));
        assertEquals(nowhere + ": no such checkpoint file", e.getMessage());
    }

    @Test
    void aMissingArrayEntryIsAClearError() throws IOException {
        Path file = trainedCheckpoint(1);
        Path copy = dir.resolve("partial.ckpt");
        String dropped = "buffer/1.BatchNorm2d.running_var.npy";
        try (ZipFile in = new ZipFile(file.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (Enumeration<? extends ZipEntry> it = in.entries(); it.hasMoreElements();) {
                ZipEntry e = it.nextElement();
                if (!e.getName().equals(dropped)) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    out.write(in.getInputStream(e).readAllBytes());
                    out.closeEntry();
                }
            }
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(copy));
        assertEquals(copy + ": missing entry '" + dropped + "'", e.getMessage());
    }

    @Test
    void anOptimizerOfAnotherKindIsRejected() throws IOException {
        Checkpoint cp = Checkpoint.read(trainedCheckpoint(1));
        Sequential model = cp.buildModel();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cp.restoreOptimizer(org.convlab.optim.SGD.builder(model.parameters(), 0.1).build()));
        assertTrue(e.getMessage().contains("Adam") && e.getMessage().contains("SGD"), e.getMessage());
        assertFalse(cp.trainingState().history().epochs().isEmpty());
    }

    @Test
    void checkpointEverySavesAtTheRequestedEpochs() throws IOException {
        Path file = dir.resolve("every.ckpt");
        Sequential model = ModelConfig.fromJson(MODEL).build();
        Trainer t = Trainer.builder(model, new SoftmaxCrossEntropy(), adam(model)).seed(17)
                .callbacks(new CheckpointEvery(2, file)).build();
        t.fit(train, null, 3);
        assertEquals(2, Checkpoint.read(file).trainingState().epoch());
    }
}
