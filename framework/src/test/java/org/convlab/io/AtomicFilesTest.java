package org.convlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New files get the usual mode (the umask's), and failures say why in words. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aWrittenFileHasTheModeOfAnyNewFileNotOwnerOnly() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        // The reference: a file created the ordinary way gets 0666 less this process's umask.
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        Path written = dir.resolve("written.json");
        AtomicFiles.write(written, out -> out.write(new byte[] {1, 2, 3}));
        assertEquals(usual, Files.getPosixFilePermissions(written));
        assertTrue(Files.getPosixFilePermissions(written).contains(PosixFilePermission.OWNER_READ));
        assertFalse(Files.getPosixFilePermissions(written).equals(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)) && usual.size() > 2,
                "not the 0600 of a temporary file");
    }

    @Test
    void aPathUnderAFileFailsWithTheReasonAndNoTemporaryName() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        IOException e = assertThrows(IOException.class,
                () -> AtomicFiles.write(file.resolve("w.npz"), out -> out.write(1)));
        assertEquals("cannot write " + file.resolve("w.npz") + ": " + file + " is a file, not a directory", e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void operatingSystemReasonsAreSaidInWords() {
        assertEquals("disk full (no space left on the device)",
                IoErrors.reason(new FileSystemException("/x/.w.npz.123.tmp", null, "No space left on device")));
        assertEquals("disk full (no space left on the device)", IoErrors.reason(new IOException("No space left on device")));
        assertEquals("permission denied", IoErrors.reason(new AccessDeniedException("/x/y")));
        assertEquals("permission denied", IoErrors.reason(new FileSystemException("/x", null, "Permission denied")));
        assertEquals("no such file or directory", IoErrors.reason(new NoSuchFileException("/x/y")));
        assertEquals("read-only file system", IoErrors.reason(new FileSystemException("/x", null, "Read-only file system")));
        assertFalse(IoErrors.reason(new NoSuchFileException("/x/.tmp")).contains("/x"), "no bare path");
    }
}
