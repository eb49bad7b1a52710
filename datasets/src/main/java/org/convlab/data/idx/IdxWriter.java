package org.convlab.data.idx;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX files of unsigned bytes, raw or gzip-compressed. Java's gzip header carries no time
 * stamp, so the same array always gives the same bytes: the shipped subset is reproducible.
 */
public final class IdxWriter {
    private IdxWriter() {
    }

    /** Writes {@code array} to {@code file}, gzip-compressed when {@code gzip} is true. */
    public static void write(Path file, IdxArray array, boolean gzip) {
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            if (gzip) {
                try (GZIPOutputStream z = new GZIPOutputStream(raw, 1 << 16)) {
                    write(z, array);
                }
            } else {
                write(raw, array);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write", e);
        }
    }

    /** Writes the uncompressed IDX bytes of {@code array} to {@code out}, which stays open. */
    public static void write(OutputStream out, IdxArray array) throws IOException {
        DataOutputStream data = new DataOutputStream(out); // big-endian ints, as IDX wants
        int[] dims = array.dims();
        data.writeByte(0);
        data.writeByte(0);
        data.writeByte(IdxFormat.UNSIGNED_BYTE);
        data.writeByte(dims.length);
        for (int d : dims) {
            data.writeInt(d);
        }
        data.write(array.data());
        data.flush();
    }
}
