package org.convlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line in its own JVM, as a user starts it: ND4J's start-up banner (its back end,
 * threads and BLAS vendor, logged at INFO) does not appear. The same command with INFO logging
 * switched on is the control that shows the banner exists and would be seen.
 */
class StartupOutputTest {

    @TempDir
    Path tmp;

    private String stderrOf(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of(ConvLabCommand.class.getName(), "summary", "--model", "models/small-cnn.json",
                "--input", "1,28,28"));
        Path err = tmp.resolve("err-" + jvmOptions.length + ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile())
                .redirectOutput(tmp.resolve("out.txt").toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        assertEquals(0, pb.start().waitFor());
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    @Test
    void theCommandLinePrintsNoLibraryBanner() throws IOException, InterruptedException {
        String control = stderrOf("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        assertTrue(control.lines().count() >= 3 && control.contains("INFO"), "the control shows the banner: " + control);
        String quiet = stderrOf();
        assertEquals("", quiet, "nothing but the command's own output");
    }
}
