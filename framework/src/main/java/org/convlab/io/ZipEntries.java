package org.convlab.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Writing whole in-memory entries to a zip, uncompressed (weights hardly compress), and reading them
 * back with bounds: a reader never trusts an entry's declared size, and never inflates more than
 * the caller says the entry can need (a small entry that inflates to gigabytes is refused after the
 * bound, not after the gigabytes).
 */
final class ZipEntries {
    private ZipEntries() {
    }

    static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    static void putStored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        entry.setCrc(crc32(bytes));
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Fails on an entry name that appears twice (which copy a reader sees would be arbitrary) or that
     * could leave a directory it were extracted into ({@code ..} segments, absolute paths).
     */
    static void requireSafeNames(ZipFile zip, Path file) throws CheckpointException {
        Set<String> seen = new HashSet<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
            String name = e.nextElement().getName();
            if (!seen.add(name)) {
                throw new CheckpointException(file, "duplicated entry: expected each entry once, found '" + name
                        + "' twice");
            }
            if (name.startsWith("/") || name.startsWith("\\") || name.contains(":")
                    || java.util.Arrays.asList(name.split("[/\\\\]")).contains("..")) {
                throw new CheckpointException(file, "unsafe entry name: expected a relative name without '..', found '"
                        + name + "'");
            }
        }
    }

    /**
     * The bytes of entry {@code name}, at most {@code limit} of them: a larger declared size is refused
     * before reading, a larger actual size as soon as the bound is passed.
     */
    static byte[] readBounded(ZipFile zip, Path file, String name, long limit) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new CheckpointException(file, "missing entry '" + name + "'");
        }
        int bound = (int) Math.min(limit, Integer.MAX_VALUE - 8);
        if (e.getSize() > bound) {
            throw new CheckpointException(file, "entry '" + name + "' is too large: expected at most " + bound
                    + " bytes, its header declares " + e.getSize());
        }
        try (InputStream in = zip.getInputStream(e)) {
            byte[] bytes = in.readNBytes(bound);
            if (in.read() >= 0) {
                throw new CheckpointException(file, "entry '" + name + "' is too large: expected at most " + bound
                        + " bytes, found more" + (e.getMethod() == ZipEntry.DEFLATED ? " (it inflates beyond the bound)" : ""));
            }
            return bytes;
        }
    }
}
