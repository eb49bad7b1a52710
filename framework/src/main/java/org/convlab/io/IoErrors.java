package org.convlab.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * The operating system's reason for a failed file operation, in words a user reads ("permission
 * denied", "no such directory", "disk full"): never a Java exception's class name, and never the
 * paths the exception carries (the caller names the file the user knows).
 */
public final class IoErrors {
    private IoErrors() {
    }

    /**
     * The reason of a failure to create or write into a directory: as {@link #reason}, except that a
     * file standing where a directory should be is named as such.
     */
    public static String directoryReason(IOException e) {
        if (e instanceof FileAlreadyExistsException f && f.getFile() != null) {
            return f.getFile() + " is a file, not a directory";
        }
        return reason(e);
    }

    /** The reason of {@code e} in lower-case words. */
    public static String reason(IOException e) {
        String osReason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (osReason != null) {
            String words = fromOs(osReason.toLowerCase(Locale.ROOT));
            if (words != null) {
                return words;
            }
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "input/output error" : message.strip();
    }

    // The C library's strerror texts (as Java passes them on), said the way a user says them.
    private static String fromOs(String text) {
        if (text.contains("no space left") || text.contains("disk quota") || text.contains("disk full")) {
            return "disk full (no space left on the device)";
        }
        if (text.contains("permission denied") || text.contains("operation not permitted")) {
            return "permission denied";
        }
        if (text.contains("read-only file system")) {
            return "read-only file system";
        }
        if (text.contains("not a directory")) {
            return "a part of the path is a file, not a directory";
        }
        if (text.contains("is a directory")) {
            return "it is a directory";
        }
        if (text.contains("no such file or directory")) {
            return "no such file or directory";
        }
        if (text.contains("file name too long")) {
            return "the file name is too long";
        }
        return null;
    }
}
