package org.convlab.data.idx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.convlab.testing.FuzzRun;
import org.convlab.testing.MutationFuzzer;
import org.convlab.testing.MutationFuzzer.FormatMutation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of {@link IdxReader}, raw and gzip: every mutated file loads or raises
 * {@link IdxFormatException} naming the file; no other throwable, no hang, and no allocation far
 * beyond the file's size (a header claiming more than the file holds, or a gzip stream inflating to
 * gigabytes, is refused before the gigabytes). Lives in the examples' tests because the fuzzer is a
 * framework test-support class and the datasets module does not depend on the framework.
 */
class IdxFuzzTest {
    private static final int COUNT = FuzzRun.count(300, 10_000);
    private static final long TIMEOUT_MS = 20_000;
    private static final int[] DIMS = {6, 5, 4};

    @TempDir
    Path dir;

    private static byte[] validRaw() throws IOException {
        byte[] data = new byte[6 * 5 * 4];
        new SplittableRandom(3).nextBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IdxWriter.write(out, new IdxArray(DIMS, data));
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(raw);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The header with one size (or the dimension count) replaced by an extreme value. */
    private static byte[] extremeHeader(byte[] raw, SplittableRandom rng) {
        if (rng.nextInt(4) == 0) {
            byte[] out = raw.clone();
            out[3] = (byte) new int[] {0, 1, 2, 4, 255}[rng.nextInt(5)];
            return out;
        }
        int field = 4 + 4 * rng.nextInt(DIMS.length);
        int value = MutationFuzzer.EXTREME_INTS[rng.nextInt(MutationFuzzer.EXTREME_INTS.length)];
        return MutationFuzzer.putInt(raw, field, value, ByteOrder.BIG_ENDIAN);
    }

    @Test
    void everyMutatedRawIdxFileLoadsOrIsRefusedWithTheDocumentedError() throws IOException {
        byte[] raw = validRaw();
        MutationFuzzer fuzzer = new MutationFuzzer(21, raw, 0, 2, 3, 4, 8, 12, 16, raw.length - 1)
                .withFormatMutations(List.of(new FormatMutation("extreme header field", rng -> extremeHeader(raw, rng))));
        Path file = dir.resolve("images-idx3-ubyte");
        fuzz("IDX raw", fuzzer, file);
    }

    @Test
    void everyMutatedGzipIdxFileLoadsOrIsRefusedWithTheDocumentedError() throws IOException {
        byte[] raw = validRaw();
        byte[] gz = gzip(raw);
        long bombSize = FuzzRun.LONG ? 8L << 30 : 4L << 30;
        byte[] bomb = gzipBomb(raw, bombSize);
        byte[] lyingBomb = gzipBomb(MutationFuzzer.putInt(raw, 4, 1 << 20, ByteOrder.BIG_ENDIAN), bombSize);
        System.out.printf("fuzz IDX gzip: bombs of %d bytes inflating to %d bytes%n", bomb.length, bombSize);
        // The bomb is a real one: its first 64 MiB inflate without error (the valid file, then zeros).
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bomb))) {
            assertTrue(in.readNBytes(64 << 20).length == 64 << 20);
        }
        List<FormatMutation> extra = List.of(
                new FormatMutation("extreme header field, recompressed", rng -> gzip(extremeHeader(raw, rng))),
                new FormatMutation("decompressed bytes mutated, recompressed", rng -> gzip(new MutationFuzzer(
                        rng.nextLong(), raw, 0, 4, 16, raw.length).next().bytes())),
                new FormatMutation("stream inflating to gigabytes", rng -> rng.nextBoolean() ? bomb : lyingBomb),
                new FormatMutation("two gzip members", rng -> concat(gz, gz)));
        // Boundaries: the gzip header (10 bytes), the deflate data, the CRC-32 and the size of the trailer.
        MutationFuzzer fuzzer = new MutationFuzzer(23, gz, 0, 2, 3, 4, 8, 10, gz.length - 8, gz.length - 4)
                .withFormatMutations(extra);
        fuzz("IDX gzip", fuzzer, dir.resolve("images-idx3-ubyte.gz"));
    }

    private void fuzz(String format, MutationFuzzer fuzzer, Path file) {
        FuzzRun.Load load = b -> {
            Files.write(file, b);
            IdxReader.read(file, 3);
        };
        try (FuzzRun run = new FuzzRun(format, List.of(IdxFormatException.class), file.toString(), TIMEOUT_MS,
                1 << 20)) {
            fuzzer.everyBoundaryTruncation().forEach(m -> run.attempt(m, load));
            for (int i = 0; i < COUNT; i++) {
                run.attempt(fuzzer.next(), load);
            }
            assertTrue(run.failures().isEmpty(), run.figures() + "\n" + String.join("\n", run.failures()));
            assertTrue(run.outcomes().containsKey("valid load") && run.outcomes().size() >= 2, run.figures());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * A gzip stream of {@code raw} followed by zeros up to {@code inflated} bytes, made without
     * compressing gigabytes: one megabyte of zeros is deflated with a sync flush, and that block
     * (which only refers back to zeros) is repeated. The trailer's CRC is of {@code raw} only; a reader
     * must stop long before it.
     */
    static byte[] gzipBomb(byte[] raw, long inflated) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] zeros = new byte[1 << 20];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        d.setInput(raw);
        out.writeBytes(flush(d, Deflater.SYNC_FLUSH));
        d.setInput(zeros);
        byte[] block = flush(d, Deflater.SYNC_FLUSH);
        for (long left = inflated - raw.length; left > 0; left -= zeros.length) {
            out.writeBytes(block);
        }
        d.finish();
        out.writeBytes(flush(d, Deflater.NO_FLUSH));
        CRC32 crc = new CRC32();
        crc.update(raw);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue())
                .putInt((int) inflated).array());
        return out.toByteArray();
    }

    private static byte[] flush(Deflater d, int mode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (true) {
            int n = d.deflate(buf, 0, buf.length, mode);
            out.write(buf, 0, n);
            if (n < buf.length && (mode != Deflater.NO_FLUSH || d.finished())) {
                return out.toByteArray();
            }
        }
    }
}
