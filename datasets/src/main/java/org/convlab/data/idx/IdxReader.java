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

    /**
     * Parses the bytes of a whole file, decompressing them first when they are gzip. Nothing larger
     * than the file can hold is allocated: a raw file's sizes are checked against its length first;
     * a gzip stream's header is inflated first, and its data only up to what the sizes need, which
     * deflate's largest ratio (1032:1) bounds by the compressed length.
     */
    static IdxArray parse(String name, byte[] stored, int expectedDims) {
        if (isGzip(stored)) {
            return gunzipIdx(name, stored, expectedDims);
        }
        if (name.endsWith(".gz")) {
            throw new IdxFormatException(name + ": bad gzip stream: expected the gzip magic bytes "
                + "1f 8b (the name ends in .gz), found " + hex(stored, 2));
        }
        Header h = header(name, stored, stored.length, expectedDims);
        h.requireLength(name, stored.length);
        return new IdxArray(h.dims, Arrays.copyOfRange(stored, h.length, stored.length));
    }

    /** The dimensions, the header's length in bytes and the data's. */
    private record Header(int[] dims, int length, long dataLength) {
        void requireLength(String name, long found) {
            long expected = length + dataLength;
            if (found != expected) {
                String what = found < expected ? "truncated file" : "trailing bytes";
                throw new IdxFormatException(name + ": " + what + ": expected " + expected
                    + " bytes (header " + length + " + data for sizes " + Arrays.toString(dims) + "), found " + found);
            }
        }
    }

    /**
     * Reads the header from the first {@code available} bytes of {@code raw}. The data length is
     * computed without overflow: a product beyond 2^31 - 1 bytes cannot be an IDX array in memory.
     */
    private static Header header(String name, byte[] raw, int available, int expectedDims) {
        if (available < 4) {
            throw new IdxFormatException(name + ": truncated file: expected at least 4 header bytes, found "
                + available);
        }
        if (raw[0] != 0 || raw[1] != 0 || (raw[2] & 0xFF) != IdxFormat.UNSIGNED_BYTE) {
            throw new IdxFormatException(name + ": bad magic number: expected 00 00 08 <dims> "
                + "(IDX of unsigned bytes), found " + hex(raw, Math.min(4, available)));
        }
        int nDims = raw[3] & 0xFF;
        if (nDims == 0 || (expectedDims >= 0 && nDims != expectedDims)) {
            throw new IdxFormatException(name + ": wrong number of dimensions: expected "
                + (expectedDims >= 0 ? expectedDims : "at least 1") + ", found " + nDims);
        }
        int headerLength = 4 + 4 * nDims;
        if (available < headerLength) {
            throw new IdxFormatException(name + ": truncated file: expected a header of " + headerLength
                + " bytes for " + nDims + " dimensions, found " + available + " bytes");
        }
        ByteBuffer header = ByteBuffer.wrap(raw, 4, 4 * nDims); // IDX is big-endian, ByteBuffer's default
        int[] dims = new int[nDims];
        long dataLength = 1;
        boolean empty = false;
        for (int i = 0; i < nDims; i++) {
            dims[i] = header.getInt();
            if (dims[i] < 0) {
                throw new IdxFormatException(name + ": bad size: expected a non-negative size for dimension "
                    + i + ", found " + dims[i]);
            }
            empty |= dims[i] == 0;
        }
        for (int d : dims) {
            dataLength = empty ? 0 : dataLength * d;
            if (dataLength > MAX_DATA) {
                throw new IdxFormatException(name + ": too large: expected at most " + MAX_DATA
                    + " data bytes (one Java array), found sizes " + Arrays.toString(dims));
            }
        }
        return new Header(dims, headerLength, dataLength);
    }

    /** The largest array Java can make. */
    private static final long MAX_DATA = Integer.MAX_VALUE - 8 - 4 - 4 * 255;
    /** Deflate cannot compress better than 1032:1, so a stream of n bytes inflates to fewer than this many. */
    private static final long DEFLATE_MAX_RATIO = 1032;

    private static IdxArray gunzipIdx(String name, byte[] stored, int expectedDims) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored), 1 << 16)) {
            byte[] start = new byte[4 + 4 * 255];
            int got = in.readNBytes(start, 0, 4);
            int nDims = got == 4 ? start[3] & 0xFF : 0;
            got += in.readNBytes(start, got, 4 * nDims);
            // A corrupted stream can inflate to a garbage header before its checksum fails: say where it came from.
            Header h = header(name + " (decompressed gzip content)", start, got, expectedDims);
            long bound = DEFLATE_MAX_RATIO * stored.length;
            if (h.dataLength() > bound) {
                throw new IdxFormatException(name + ": truncated file: the header claims " + h.dataLength()
                    + " data bytes (sizes " + Arrays.toString(h.dims()) + "), more than " + stored.length
                    + " gzip bytes can hold (at most " + bound + ")");
            }
            // readNBytes grows its buffer with the data that arrives: a cut-short stream allocates little.
            byte[] data = in.readNBytes((int) h.dataLength());
            if (data.length < h.dataLength()) {
                h.requireLength(name, h.length() + (long) data.length);
            }
            if (in.read() >= 0) {
                throw new IdxFormatException(name + ": trailing bytes: expected " + (h.length() + h.dataLength())
                    + " bytes (header " + h.length() + " + data for sizes " + Arrays.toString(h.dims())
                    + ") once decompressed, found more");
            }
            return new IdxArray(h.dims(), data);
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

    private static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xFF) == IdxFormat.GZIP_MAGIC_0 && (b[1] & 0xFF) == IdxFormat.GZIP_MAGIC_1;
    }

    private static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xFF));
        }
        return b.length == 0 ? "an empty file" : s.toString();
    }
}
