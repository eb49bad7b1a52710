package org.convlab.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.convlab.cli.ConvLabCommand;
import org.convlab.io.Checkpoint;
import org.convlab.testing.FuzzRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code convlab train} process (a child JVM on this test's class path) is killed with
 * SIGKILL ({@link Process#destroyForcibly}) at seeded moments — during start-up, in the middle of
 * an epoch, and while the checkpoint is being written — and continued with {@code --resume} after
 * every kill. The run that was killed {@value #CI_KILLS} times ({@value #LONG_KILLS} under
 * {@code -Plong}) ends with exactly the bytes of an uninterrupted run: every checkpoint entry
 * (weights, optimizer state, counters) and the history.
 *
 * <p>Checkpoints are written at every epoch's end, so the run has many short epochs: a tiny model
 * (average pooling and one linear layer) on 16 images.
 */
class KilledTrainingTest {
    static final int CI_KILLS = 20;
    static final int LONG_KILLS = 100;
    private static final int KILLS = FuzzRun.LONG ? LONG_KILLS : CI_KILLS;
    private static final int EPOCHS = FuzzRun.LONG ? 400 : 80; // a kill costs each run about two epochs
    private static final String MODEL = "{\"layers\":[{\"type\":\"AvgPool2d\",\"kernel\":[7]},{\"type\":\"Flatten\"},"
            + "{\"type\":\"Linear\",\"in\":16,\"out\":10}],\"seed\":3}";

    @TempDir
    Path dir;

    private Path model;
    private List<String> staleTemps = List.of();

    /** How a kill picks its moment. */
    private enum Moment { ANY_TIME, DURING_CHECKPOINT_WRITE, SOON_AFTER_AN_EPOCH }

    @Test
    void aRunKilledManyTimesAndResumedEndsBitForBitAsAnUninterruptedOne() throws Exception {
        model = dir.resolve("tiny.json");
        Files.writeString(model, MODEL);
        Path straight = dir.resolve("straight");
        long start = System.nanoTime();
        assertEquals(0, runToEnd(straight, false), () -> log(straight));
        long straightMillis = (System.nanoTime() - start) / 1_000_000;

        Path killed = dir.resolve("killed");
        SplittableRandom rng = new SplittableRandom(1313);
        Map<Moment, Integer> kills = new TreeMap<>();
        int duringWrite = 0;
        int resumes = 0;
        int finishedEarly = 0;
        for (int k = 0; k < KILLS; k++) {
            boolean resume = Files.exists(killed.resolve(ModelFiles.CHECKPOINT));
            resumes += resume ? 1 : 0;
            staleTemps = checkpointTemps(killed);
            Process p = start(killed, resume);
            Moment moment = Moment.values()[rng.nextInt(Moment.values().length)];
            boolean inWrite = awaitMoment(p, killed, moment, rng, straightMillis);
            if (!p.isAlive()) {
                // It finished (or failed) before the moment came: a failure is a failure, an early end is allowed.
                assertEquals(0, p.waitFor(), () -> "a resumed run failed:\n" + log(killed));
                finishedEarly++;
                break;
            }
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            kills.merge(moment, 1, Integer::sum);
            duringWrite += inWrite ? 1 : 0;
            Path checkpoint = killed.resolve(ModelFiles.CHECKPOINT);
            if (Files.exists(checkpoint)) {
                // Whatever moment the kill hit, the checkpoint on disk is a whole one.
                Checkpoint.read(checkpoint);
            }
        }
        boolean resume = Files.exists(killed.resolve(ModelFiles.CHECKPOINT));
        resumes += resume ? 1 : 0;
        assertEquals(0, runToEnd(killed, resume), () -> log(killed));
        int total = kills.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("killed training: %d kills survived %s (%d while a checkpoint was being written), "
                + "%d resumes, %d runs finished before their kill, %d temporary files left by killed writes; "
                + "the uninterrupted run took %d ms%n", total, kills, duringWrite, resumes, finishedEarly,
                checkpointTemps(killed).size(), straightMillis);

        assertTrue(total >= KILLS || finishedEarly > 0, "kills: " + total);
        assertTrue(total >= CI_KILLS, "at least " + CI_KILLS + " kills, got " + total);
        assertTrue(resumes >= CI_KILLS / 2, "resumed runs: " + resumes);
        Map<String, byte[]> a = entries(straight.resolve(ModelFiles.CHECKPOINT));
        Map<String, byte[]> b = entries(killed.resolve(ModelFiles.CHECKPOINT));
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), "checkpoint entry " + name + " differs from the uninterrupted run's");
        }
        assertEquals(Files.readString(straight.resolve("history.json")), Files.readString(killed.resolve("history.json")));
        assertEquals(EPOCHS, Checkpoint.read(killed.resolve(ModelFiles.CHECKPOINT)).trainingState().epoch());
    }

    /**
     * Waits for the moment; true when the kill will land while a checkpoint's temporary file exists
     * (the checkpoint is being written).
     */
    private boolean awaitMoment(Process p, Path out, Moment moment, SplittableRandom rng, long runMillis)
            throws Exception {
        switch (moment) {
            case ANY_TIME -> {
                // Start-up of the JVM is a good part of the run; a kill anywhere in the first few seconds.
                // A third of an uninterrupted run at most, so that a kill rarely lets a resumed run finish.
                p.waitFor(rng.nextLong(Math.max(200, Math.min(runMillis / 3, 6000))), TimeUnit.MILLISECONDS);
                return writing(out);
            }
            case DURING_CHECKPOINT_WRITE -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (p.isAlive() && System.nanoTime() < deadline) {
                    if (writing(out)) {
                        return true;
                    }
                    Thread.onSpinWait();
                }
                return false;
            }
            default -> {
                long stamp = checkpointStamp(out);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (p.isAlive() && System.nanoTime() < deadline && checkpointStamp(out) == stamp) {
                    Thread.sleep(5);
                }
                p.waitFor(rng.nextInt(300), TimeUnit.MILLISECONDS);
                return writing(out);
            }
        }
    }

    /**
     * Whether a checkpoint's temporary file that was not there before this process started exists in
     * {@code out} (a kill during a write leaves its temporary file behind).
     */
    private boolean writing(Path out) throws IOException {
        List<String> now = checkpointTemps(out);
        now.removeAll(staleTemps);
        return !now.isEmpty();
    }

    private static List<String> checkpointTemps(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.list(out)) {
            return new ArrayList<>(files.map(f -> f.getFileName().toString())
                    .filter(f -> f.startsWith("." + ModelFiles.CHECKPOINT + ".")).toList());
        } catch (java.nio.file.NoSuchFileException e) {
            return new ArrayList<>();
        }
    }

    /** When the checkpoint was last replaced (cheap to poll; a new checkpoint means a finished epoch). */
    private static long checkpointStamp(Path out) throws IOException {
        Path c = out.resolve(ModelFiles.CHECKPOINT);
        try {
            return Files.exists(c) ? Files.getLastModifiedTime(c).to(TimeUnit.MICROSECONDS) : -1;
        } catch (java.nio.file.NoSuchFileException e) {
            return -1;
        }
    }

    private int runToEnd(Path out, boolean resume) throws Exception {
        Process p = start(out, resume);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("train did not finish in 10 minutes:\n" + log(out));
        }
        return p.exitValue();
    }

    private Process start(Path out, boolean resume) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ConvLabCommand.class.getName(), "train",
                "--epochs", Integer.toString(EPOCHS), "--out", out.toString()));
        if (resume) {
            cmd.add("--resume");
        } else {
            cmd.addAll(List.of("--model", model.toString(), "--data", "shipped", "--batch", "8", "--limit", "16"));
        }
        Files.createDirectories(dir.resolve("logs"));
        Path log = dir.resolve("logs").resolve(out.getFileName() + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return pb.start();
    }

    private String log(Path out) {
        try {
            String text = Files.readString(dir.resolve("logs").resolve(out.getFileName() + ".log"));
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                out.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }
}
