package org.convlab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convlab.io.IoErrors;

/**
 * Makes sure the report can be written, before any experiment runs: creates the output directory
 * and its subdirectories (such as {@code charts/}), then writes and deletes a probe file in each.
 */
public final class OutputDirectory {

    private OutputDirectory() {
    }

    /**
     * Creates {@code outDir} and its {@code subdirectories} and checks that each can be written.
     *
     * @throws UnwritableOutputException naming the path and the reason when it cannot be written
     */
    public static void prepare(Path outDir, String... subdirectories) throws UnwritableOutputException {
        Path out = outDir.toAbsolutePath().normalize();
        Path blocker = firstNonDirectory(out);
        if (blocker != null) {
            throw new UnwritableOutputException(blocker.equals(out)
                    ? "cannot write the report to '" + outDir + "': it is a file, not a directory"
                    : "cannot create the output directory '" + outDir + "': '" + blocker
                            + "' is a file, not a directory");
        }
        try {
            Files.createDirectories(out);
            for (String sub : subdirectories) {
                Files.createDirectories(out.resolve(sub));
            }
        } catch (IOException e) {
            throw new UnwritableOutputException("cannot create the output directory '" + outDir + "': "
                    + reason(e), e);
        }
        probe(out, outDir);
        for (String sub : subdirectories) {
            probe(out.resolve(sub), outDir);
        }
    }

    // The path itself or its nearest existing ancestor, when that is not a directory.
    private static Path firstNonDirectory(Path path) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? null : p;
            }
        }
        return null;
    }

    // Permission bits do not tell the truth for root or on read-only mounts; writing does.
    private static void probe(Path dir, Path shownAs) throws UnwritableOutputException {
        try {
            Path probe = Files.createTempFile(dir, ".convlab-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new UnwritableOutputException("the output directory '" + shownAs + "' is not writable: "
                    + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        return IoErrors.directoryReason(e);
    }
}
