package org.convlab.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.convlab.cli.ConvLabCommand;
import org.convlab.experiments.ExperimentRegistry;
import org.convlab.io.Checkpoint;
import org.convlab.nn.NamedArrays;
import org.convlab.train.Callback;
import org.convlab.train.History;
import org.convlab.train.Trainer;
import org.convlab.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine;

/**
 * {@code train} stopped as Ctrl-C stops it (the trainer is asked to stop after a step) saves the
 * checkpoint at that step, says so with the exact command to resume, and that command finishes the
 * run exactly as a run that was never stopped.
 */
class InterruptedTrainingTest {
    private static final String SMALL_CNN = Path.of("models", "small-cnn.json").toString();

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code convlab args}, stopping the trainer after step {@code stopAfter} (none when 0). */
    private int execute(long stopAfter, String... args) {
        CommandLine cli = ConvLabCommand.commandLine(new ExperimentRegistry(List.of()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        if (stopAfter > 0) {
            ((TrainCommand) cli.getSubcommands().get("train").getCommand()).testCallback = new Callback() {
                @Override
                public void afterStep(Trainer trainer, double loss) {
                    if (trainer.step() == stopAfter) {
                        trainer.requestInterrupt();
                    }
                }
            };
        }
        return cli.execute(args);
    }

    private static String[] train(Path dir) {
        // 48 images in batches of 16: 3 steps per epoch.
        return new String[] {"train", "--model", SMALL_CNN, "--data", "shipped", "--epochs", "3", "--batch", "16",
            "--out", dir.toString(), "--limit", "48"};
    }

    @Test
    void ctrlCInTheMiddleOfAnEpochSavesThatStepAndTheResumeCommandFinishesTheRunBitForBit() throws IOException {
        Path straight = tmp.resolve("straight");
        assertEquals(0, execute(0, train(straight)), err.toString());

        Path stopped = tmp.resolve("stopped");
        out.getBuffer().setLength(0);
        assertEquals(130, execute(5, train(stopped)), err.toString());
        String said = out.toString();
        assertTrue(said.contains("interrupted: saved checkpoint.zip after step 2 of epoch 2 (step 5 in all)"), said);
        String resume = said.lines().filter(l -> l.startsWith("resume with: ")).findFirst().orElseThrow();
        assertEquals("resume with: ./convlab train --resume --epochs 3 --out " + stopped, resume);
        TrainingState state = Checkpoint.read(stopped.resolve("checkpoint.zip")).trainingState();
        assertEquals(5, state.step());
        assertEquals(1, state.epoch());
        assertEquals(2, state.epochProgress().batches());
        assertEquals(5, History.fromJson(Files.readString(stopped.resolve("history.json"))).stepLosses().size());

        // The printed command, as the user would paste it (without the leading ./convlab).
        String[] words = resume.substring("resume with: ./convlab ".length()).split(" ");
        assertEquals(0, execute(0, words), err.toString());
        assertTrue(out.toString().contains("resuming after step 2 of epoch 2 (step 5 in all)"), out.toString());

        History a = History.fromJson(Files.readString(straight.resolve("history.json")));
        History b = History.fromJson(Files.readString(stopped.resolve("history.json")));
        assertEquals(3, b.epochs().size());
        assertArrayEquals(a.stepLossArray(), b.stepLossArray(), 0);
        assertEquals(a, b, "the resumed run's history equals the uninterrupted one, bit for bit");
        assertArrayEquals(weights(straight), weights(stopped), 0);
    }

    @Test
    void ctrlCBeforeTheFirstStepSaysThatNothingWasSaved() {
        Path dir = tmp.resolve("early");
        CommandLine cli = ConvLabCommand.commandLine(new ExperimentRegistry(List.of()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ((TrainCommand) cli.getSubcommands().get("train").getCommand()).testCallback = new Callback() {
            @Override
            public void onFitStart(Trainer trainer) {
                trainer.requestInterrupt();
            }
        };
        assertEquals(130, cli.execute(train(dir)), err.toString());
        assertTrue(out.toString().contains("interrupted before the first step: nothing was trained, nothing saved"),
                out.toString());
        assertTrue(!Files.exists(dir.resolve("checkpoint.zip")));
    }

    private static double[] weights(Path run) throws IOException {
        return NamedArrays.parameterValues(Checkpoint.read(run.resolve("checkpoint.zip")).buildModel()).values()
                .stream().flatMapToDouble(a -> java.util.Arrays.stream(a.castTo(DataType.DOUBLE).data().asDouble()))
                .toArray();
    }
}
