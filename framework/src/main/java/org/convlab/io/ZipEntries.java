package org.convlab.io;

import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writing whole in-memory entries to a zip, uncompressed (weights hardly compress). */
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
}
