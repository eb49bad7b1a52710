package org.convlab.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;

/**
 * Replaces a file all at once: the content goes to a temporary file in the same directory, is
 * forced to disk, and is then renamed over the target with an atomic move. A crash, a full disk or
 * an exception part-way leaves the previous file untouched (and the temporary file is removed).
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the content that {@code writer} produces to {@code target}, atomically. */
    public static void write(Path target, ContentWriter writer) throws IOException {
        write(target, writer, UnaryOperator.identity());
    }

    /**
     * As {@link #write(Path, ContentWriter)}, with the temporary file's stream passed through
     * {@code wrap} first (tests inject a stream that fails part-way).
     */
    public static void write(Path target, ContentWriter writer, UnaryOperator<OutputStream> wrap) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream raw = Channels.newOutputStream(channel);
                // Not closed here: closing the stream would close the channel before force().
                OutputStream out = wrap.apply(raw);
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            } catch (IOException e) {
                throw DiskFull.isDiskFull(e) ? DiskFull.explain(target, e) : e;
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically on this file system", e);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is harmless. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open directories; the move is still atomic there.
        }
    }

    /** Produces a file's content on a stream. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }
}
