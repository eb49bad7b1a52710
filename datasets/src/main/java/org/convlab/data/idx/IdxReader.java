package org.convlab.data.idx;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.convlab.data.DatasetException;

/**
 * Reads IDX files of unsigned bytes (the MNIST and Fashion-MNIST format), raw or gzip-compressed
 * (recognised by the gzip magic bytes, not by the file name).
 *
 * <p>Everything is checked before any data is handed out: the magic number, the number of
 * dimensions, the sizes and the exact file length. A bad file raises {@link IdxFormatException}
 * naming the file, what was expected and what was found; partial data is never returned.
 */
public final class IdxReader {
    private IdxReader() {
    }

    /** Reads a file with any number of dimensions. */
    public static IdxArray read(Path file) {
        return read(file, -1);
    }

    /**
     * Reads a file that must have {@code expectedDims} dimensions (1 for labels, 3 for images);
     * a negative value accepts any number.
     */
    public static IdxArray read(Path file, int expectedDims) {
        byte[] stored;
        try {
            stored = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": file not found", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
        return parse(file.toString(), stored, expectedDims);
    }

    /**
     * Reads from a stream (a class-path resource, say); {@code name} stands for the file in error
     * messages. The stream is read to its end but not closed.
     */
    public static IdxArray read(String name, InputStream in, int expectedDims) {
        try {
            return parse(name, in.readAllBytes(), expectedDims);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read", e);
        }
    }

    /** Parses the bytes of a whole file, decompressing them first when they are gzip. */
    static IdxArray parse(String name, byte[] stored, int expectedDims) {
        byte[] raw = isGzip(stored) ? gunzip(name, stored) : stored;
        if (!isGzip(stored) && name.endsWith(".gz")) {
            throw new IdxFormatException(name + ": bad gzip stream: expected the gzip magic bytes "
                + "1f 8b (the name ends in .gz), found " + hex(stored, 2));
        }
        return parseRaw(name, raw, expectedDims);
    }

    private static IdxArray parseRaw(String name, byte[] raw, int expectedDims) {
        if (raw.length < 4) {
            throw new IdxFormatException(name + ": truncated file: expected at least 4 header bytes, found "
                + raw.length);
        }
        if (raw[0] != 0 || raw[1] != 0 || (raw[2] & 0xFF) != IdxFormat.UNSIGNED_BYTE) {
            throw new IdxFormatException(name + ": bad magic number: expected 00 00 08 <dims> "
                + "(IDX of unsigned bytes), found " + hex(raw, 4));
        }
        int nDims = raw[3] & 0xFF;
        if (nDims == 0 || (expectedDims >= 0 && nDims != expectedDims)) {
            throw new IdxFormatException(name + ": wrong number of dimensions: expected "
                + (expectedDims >= 0 ? expectedDims : "at least 1") + ", found " + nDims);
        }
        int headerLength = 4 + 4 * nDims;
        if (raw.length < headerLength) {
            throw new IdxFormatException(name + ": truncated file: expected a header of " + headerLength
                + " bytes for " + nDims + " dimensions, found " + raw.length + " bytes");
        }
        ByteBuffer header = ByteBuffer.wrap(raw, 4, 4 * nDims); // IDX is big-endian, ByteBuffer's default
        int[] dims = new int[nDims];
        long dataLength = 1;
        for (int i = 0; i < nDims; i++) {
            dims[i] = header.getInt();
            if (dims[i] < 0) {
                throw new IdxFormatException(name + ": bad size: expected a non-negative size for dimension "
                    + i + ", found " + dims[i]);
            }
            dataLength *= dims[i];
        }
        long expectedLength = headerLength + dataLength;
        if (raw.length != expectedLength) {
            String what = raw.length < expectedLength ? "truncated file" : "trailing bytes";
            throw new IdxFormatException(name + ": " + what + ": expected " + expectedLength
                + " bytes (header " + headerLength + " + data for sizes " + Arrays.toString(dims)
                + "), found " + raw.length);
        }
        return new IdxArray(dims, Arrays.copyOfRange(raw, headerLength, raw.length));
    }

    private static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xFF) == IdxFormat.GZIP_MAGIC_0 && (b[1] & 0xFF) == IdxFormat.GZIP_MAGIC_1;
    }

    private static byte[] gunzip(String name, byte[] stored) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored), 1 << 16)) {
            return in.readAllBytes();
        } catch (EOFException e) {
            throw new IdxFormatException(name + ": bad gzip stream: expected a complete gzip stream, "
                + "found it cut short after " + stored.length + " compressed bytes", e);
        } catch (ZipException e) {
            throw new IdxFormatException(name + ": bad gzip stream: expected valid deflate data, found "
                + e.getMessage(), e);
        } catch (IOException e) {
            throw new IdxFormatException(name + ": bad gzip stream: " + e.getMessage(), e);
        }
    }

    private static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xFF));
        }
        return b.length == 0 ? "an empty file" : s.toString();
    }
}
