package org.convlab.data.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdxRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzip={0}")
    @CsvSource({"true", "false"})
    void writtenArraysReadBackIdentical(boolean gzip) throws Exception {
        byte[] data = new byte[5 * 3 * 4];
        new SplittableRandom(1).nextBytes(data);
        IdxArray images = new IdxArray(new int[] {5, 3, 4}, data.clone());
        Path f = dir.resolve(gzip ? "x.gz" : "x");
        IdxWriter.write(f, images, gzip);

        IdxArray back = IdxReader.read(f, 3);
        assertArrayEquals(new int[] {5, 3, 4}, back.dims());
        assertArrayEquals(data, back.data());
        // The raw layout is the documented one: 00 00 08 03, three big-endian sizes, then the bytes.
        if (!gzip) {
            byte[] raw = Files.readAllBytes(f);
            assertEquals(4 + 12 + data.length, raw.length);
            assertArrayEquals(new byte[] {0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 3, 0, 0, 0, 4},
                java.util.Arrays.copyOf(raw, 16));
        }
    }

    @ParameterizedTest(name = "gzip={0}")
    @CsvSource({"true", "false"})
    void labelsRoundTripWithValuesAbove127(boolean gzip) {
        byte[] labels = {0, 9, (byte) 200, (byte) 255, 7};
        Path f = dir.resolve("labels" + (gzip ? ".gz" : ""));
        IdxWriter.write(f, new IdxArray(new int[] {5}, labels.clone()), gzip);
        IdxArray back = IdxReader.read(f, 1);
        assertEquals(5, back.count());
        assertEquals(200, back.unsigned(2));
        assertEquals(255, back.unsigned(3));
        assertArrayEquals(labels, back.data());
    }
}
