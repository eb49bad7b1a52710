package org.convlab.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * What a reader needs to reproduce a run: the source commit, the command line, and the machine
 * (cores, CPU, Java, ND4J build). Captured once per process by {@link #current()}: none of it
 * changes while the process runs. Any part that cannot be found reads "unknown".
 *
 * @param commit the git commit of the sources the program was built from, with a note when the
 *     checkout had uncommitted changes
 * @param commandLine the command as the user typed it, e.g. {@code ./convlab reproduce --seed 7}
 * @param cores processors available to the JVM
 * @param cpu the CPU model
 * @param os the operating system and its version
 * @param java the Java runtime's version and VM
 * @param nd4j ND4J's version and native build (classifier), e.g. {@code 1.0.0-M2.1 (linux-x86_64-onednn)}
 */
public record RunEnvironment(String commit, String commandLine, int cores, String cpu, String os, String java,
        String nd4j) {

    static final String UNKNOWN = "unknown";
    private static final String MAIN_CLASS = "org.convlab.cli.ConvLabCommand";

    /** The environment of this process, captured on first use. */
    public static RunEnvironment current() {
        return Holder.CURRENT;
    }

    // Initialised on first use only: the report of a test that never asks does not run git.
    private static final class Holder {
        static final RunEnvironment CURRENT = capture();
    }

    static RunEnvironment capture() {
        Properties build = buildProperties();
        String nd4j = build.getProperty("nd4j.version", UNKNOWN) + " ("
                + build.getProperty("nd4j.classifier", "unknown build") + ")";
        return new RunEnvironment(sourceCommit(), typedCommand(), Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")", nd4j);
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = RunEnvironment.class.getResourceAsStream("/convlab.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // The header then says "unknown": a missing build file must not cost the report.
        }
        return properties;
    }

    /**
     * The command as typed: the program's arguments after the jar or the main class, behind
     * {@code ./convlab}; empty when this process is not the command line (a test, a user's program).
     */
    static String typedCommand() {
        List<String> arguments = ProcessHandle.current().info().arguments().map(List::of)
                .orElseGet(() -> List.of(System.getProperty("sun.java.command", "").split(" ")));
        return typedCommand(arguments);
    }

    static String typedCommand(List<String> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (a.equals(MAIN_CLASS) || a.endsWith("convlab.jar")) {
                List<String> words = new ArrayList<>(List.of("./convlab"));
                arguments.subList(i + 1, arguments.size()).forEach(w -> words.add(quoted(w)));
                return String.join(" ", words);
            }
        }
        return "";
    }

    private static String quoted(String word) {
        return word.matches("[A-Za-z0-9_./=:,+@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static String cpuModel() {
        try {
            Optional<String> model = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
            if (model.isPresent()) {
                return model.get();
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no permission: fall back to the architecture.
        }
        return System.getProperty("os.arch", UNKNOWN);
    }

    /** The commit of the checkout that holds the running classes, or "unknown" outside a git checkout. */
    private static String sourceCommit() {
        Path from = codeLocation();
        if (from == null) {
            return UNKNOWN;
        }
        String hash = git(from, "rev-parse", "--short=12", "HEAD");
        if (hash.isEmpty()) {
            return UNKNOWN;
        }
        String changes = git(from, "status", "--porcelain", "--untracked-files=no");
        return changes.isEmpty() ? hash : hash + " (with uncommitted changes)";
    }

    private static Path codeLocation() {
        try {
            Path p = Path.of(RunEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(p) ? p : p.getParent();
        } catch (Exception e) { // NOPMD: no code source (a custom class loader): no commit
            return null;
        }
    }

    // Git's trimmed output, or empty when git is missing, fails or takes too long.
    private static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroy();
                return "";
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
