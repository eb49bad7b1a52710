package org.convlab.data.idx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.convlab.data.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad file is refused with a message naming the file, the expectation and the finding. */
class IdxCorruptionTest {
    @TempDir
    Path dir;

    private Path goodRaw(String name) {
        Path f = dir.resolve(name);
        IdxWriter.write(f, new IdxArray(new int[] {10, 4, 4}, new byte[160]), false);
        return f;
    }

    private Path goodGzip(String name) {
        Path f = dir.resolve(name);
        byte[] data = new byte[10 * 28 * 28];
        new java.util.SplittableRandom(3).nextBytes(data);
        IdxWriter.write(f, new IdxArray(new int[] {10, 28, 28}, data), true);
        return f;
    }

    private static void assertMessage(DatasetException e, Path file, String... fragments) {
        String m = e.getMessage();
        assertTrue(m.contains(file.toString()), "message should name the file: " + m);
        assertTrue(m.contains("expected"), "message should say what was expected: " + m);
        assertTrue(m.contains("found"), "message should say what was found: " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), "message should contain '" + f + "': " + m);
        }
    }

    @Test
    void badMagicNumberIsRefused() throws Exception {
        Path f = goodRaw("magic");
        byte[] b = Files.readAllBytes(f);
        b[2] = 0x0D; // the float type code, not unsigned bytes
        Files.write(f, b);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(f, 3));
        assertMessage(e, f, "magic", "00 00 0d 03");
    }

    @Test
    void nonZeroLeadingMagicBytesAreRefused() throws Exception {
        Path f = goodRaw("magic2");
        byte[] b = Files.readAllBytes(f);
        b[0] = 0x12;
        Files.write(f, b);
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.read(f)), f, "magic");
    }

    @Test
    void wrongDimensionCountIsRefused() {
        Path f = goodRaw("dims");
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(f, 1));
        assertMessage(e, f, "dimensions", "expected 1", "found 3");
    }

    @Test
    void truncatedRawFileIsRefused() throws Exception {
        Path f = goodRaw("short");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 7));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(f, 3));
        assertMessage(e, f, "truncated", String.valueOf(b.length), String.valueOf(b.length - 7));
    }

    @Test
    void truncatedHeaderIsRefused() throws Exception {
        Path f = goodRaw("header");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, 9));
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.read(f, 3)), f, "truncated");
    }

    @Test
    void trailingBytesAreRefused() throws Exception {
        Path f = goodRaw("long");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length + 3));
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.read(f, 3)), f, "trailing");
    }

    @Test
    void truncatedGzipIsRefused() throws Exception {
        Path f = goodGzip("cut.gz");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length / 2));
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.read(f, 3)), f, "gzip");
    }

    @Test
    void corruptedGzipIsRefused() throws Exception {
        Path f = goodGzip("bad.gz");
        byte[] b = Files.readAllBytes(f);
        for (int i = 20; i < 60; i++) {
            b[i] ^= (byte) 0x5A;
        }
        Files.write(f, b);
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.read(f, 3)), f, "gzip");
    }

    @Test
    void gzipNameWithoutGzipContentIsRefused() {
        Path f = goodRaw("plain.gz");
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.read(f, 3)), f, "gzip", "1f 8b");
    }

    @Test
    void gzipWrappingATruncatedIdxIsRefused() throws Exception {
        // A valid gzip stream whose content is a cut IDX file: the length check still applies.
        Path raw = goodRaw("inner");
        byte[] b = Files.readAllBytes(raw);
        Path f = dir.resolve("inner-cut.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(b, 0, b.length - 1);
        }
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.read(f, 3)), f, "truncated");
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nothing-here");
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(f, 3));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }
}
