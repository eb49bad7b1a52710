package org.convlab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.convlab.nn.Sequential;
import org.convlab.optim.Adam;
import org.convlab.train.History;
import org.convlab.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint saved onto a full disk: the file system is simulated by a stream that fails after N
 * bytes the way the operating system does (ENOSPC, "No space left on device"), for N at every
 * stage of the zip. The previous checkpoint stays byte for byte, no temporary file is left, and the
 * error says "disk full".
 */
class CheckpointDiskFullTest {
    @TempDir
    Path dir;

    /** Fails like a full disk after {@code limit} bytes. */
    private static final class FullDisk extends FilterOutputStream {
        private long left;

        FullDisk(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (left-- <= 0) {
                throw new IOException("No space left on device");
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
    void aFullDiskLeavesThePreviousCheckpointIntactAndSaysDiskFull() throws IOException {
        Sequential model = ModelConfig.fromJson("{\"layers\":[{\"type\":\"Linear\",\"in\":4,\"out\":3}],\"seed\":1}")
                .build();
        Adam adam = Adam.builder(model.parameters()).learningRate(0.01).build();
        Path file = dir.resolve("checkpoint.zip");
        Checkpoint.save(file, model, adam, new TrainingState(1, 4, 9, new History(List.of(), List.of(0.5))));
        byte[] previous = Files.readAllBytes(file);
        model.parameters().get(0).value().addi(1); // the next save would hold other weights
        for (long n : new long[] {0, 1, 30, 100, 400, previous.length / 2, previous.length - 1}) {
            IOException e = assertThrows(IOException.class, () -> Checkpoint.save(file, model, adam,
                    new TrainingState(2, 8, 9, new History(List.of(), List.of(0.5, 0.4))), out -> new FullDisk(out, n)));
            assertTrue(e.getMessage().startsWith("disk full: cannot write " + file), e.getMessage());
            assertArrayEquals(previous, Files.readAllBytes(file), "the previous checkpoint, after failing at byte " + n);
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
            }
        }
        assertEquals(1, Checkpoint.read(file).trainingState().epoch());
    }
}
