package org.convlab.cli.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.convlab.data.DataSet;
import org.convlab.data.fashion.FashionMnist;
import org.convlab.io.Checkpoint;
import org.convlab.io.CheckpointEvery;
import org.convlab.io.ModelConfig;
import org.convlab.nn.Sequential;
import org.convlab.nn.loss.SoftmaxCrossEntropy;
import org.convlab.optim.Adam;
import org.convlab.optim.Optimizer;
import org.convlab.optim.SGD;
import org.convlab.report.Plural;
import org.convlab.train.Accuracy;
import org.convlab.train.Callback;
import org.convlab.train.EpochRecord;
import org.convlab.train.History;
import org.convlab.train.ProgressListener;
import org.convlab.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code convlab train}: trains a model config on Fashion-MNIST, validating on the test split after
 * every epoch, and keeps in {@code --out} the checkpoint (saved after every epoch), the history and
 * its charts. {@code --resume} continues the run in {@code --out} to the requested total of epochs,
 * exactly as if it had not stopped: the checkpoint holds the weights, the optimizer state, the
 * counters and the seed, and {@value TrainSettings#FILE} the batch size and the data slice.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model (a JSON config, see examples/models/) on Fashion-MNIST.",
            "Writes into --out: checkpoint.zip (after every epoch), history.json, train-settings.json, and the "
                    + "charts train-loss and train-accuracy (PNG and SVG) in charts/.",
            "Stop it at any time with Ctrl-C: the checkpoint is saved at the last finished step, and --resume "
                    + "continues exactly where it stopped."})
public final class TrainCommand extends ModelCommand {
    static final int DEFAULT_BATCH = 64;
    static final long DEFAULT_SEED = 42;
    static final double DEFAULT_MOMENTUM = 0.9;
    /** The exit status after Ctrl-C, as a shell reports a process ended by SIGINT. */
    static final int INTERRUPTED = 130;

    /** Tests add a callback to the trainer here (e.g. one that interrupts it after a given step). */
    Callback testCallback;

    @Option(names = "--model", paramLabel = "FILE",
            description = "The model config (JSON). With --resume the checkpoint's model is used; a --model given "
                    + "then must match it.")
    Path model;

    @Option(names = "--data", paramLabel = "fashion-mnist|shipped|DIR",
            description = "The data: " + FashionData.DESCRIPTION + " (default: " + FashionData.DEFAULT
                    + ", with --resume the run's).")
    String data;

    @Option(names = "--epochs", required = true, paramLabel = "N",
            description = "The total number of epochs (with --resume: including those already trained).")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", description = "Mini-batch size (default: " + DEFAULT_BATCH + ").")
    Integer batch;

    @Option(names = "--lr", paramLabel = "X",
            description = "Learning rate (default: 0.001 for adam, 0.05 for sgd).")
    Double lr;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The run's directory.")
    Path out;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the initial weights and of the data order (default: the config's seed, else "
                    + DEFAULT_SEED + ").")
    Long seed;

    @Option(names = "--optimizer", paramLabel = "adam|sgd", description = "The optimizer (default: adam).")
    String optimizer;

    @Option(names = "--momentum", paramLabel = "M",
            description = "Momentum of sgd (default: " + DEFAULT_MOMENTUM + ").")
    Double momentum;

    @Option(names = "--resume", description = "Continue the run in --out from its checkpoint.")
    boolean resume;

    @Option(names = "--limit", hidden = true, paramLabel = "N",
            description = "Only the first N training and N test images (for tests).")
    Integer limit;

    @Override
    int execute() throws Exception {
        checkRanges();
        long start = System.nanoTime();
        Path checkpoint = out.resolve(ModelFiles.CHECKPOINT);
        Run run = resume ? resumed(checkpoint) : fresh(checkpoint);
        ModelFiles.requireClassifier(run.trainer.model(), FashionMnist.NUM_CLASSES);

        TrainSettings s = run.settings;
        FashionMnist fm = FashionData.load(s.data());
        DataSet train = FashionData.head(fm.train(run.dataType), s.limit());
        DataSet test = FashionData.head(fm.test(run.dataType), s.limit());
        Files.createDirectories(out);
        s.write(out);

        PrintWriter o = spec.commandLine().getOut();
        int done = run.trainer.epoch();
        if (done >= epochs) {
            o.printf("%s already holds %s (--epochs %d): nothing to do%n", out, Plural.of(done, "trained epoch"), epochs);
        } else {
            String from = done == 0 && !run.trainer.state().midEpoch() ? "training"
                    : "resuming after " + position(run.trainer) + ",";
            o.printf(Locale.ROOT, "%s %s: %d training and %d test images (%s), batch %d, %s lr %s, seed %d%n",
                    from, s.model(), train.size(), test.size(), fm.source(), s.batch(), s.optimizer(),
                    s.learningRate(), s.seed());
            o.flush();
            long stepsBefore = run.trainer.step();
            try (CtrlC ctrlC = CtrlC.install(run.trainer)) {
                run.trainer.fit(train, test, epochs);
                if (run.trainer.interrupted()) {
                    return stopped(run.trainer, stepsBefore, o);
                }
            }
        }
        History history = run.trainer.history();
        List<String> charts = new TrainingOutputs(out).write(history);
        if (!history.epochs().isEmpty()) {
            EpochRecord last = history.epochs().get(history.epochs().size() - 1);
            o.printf(Locale.ROOT, "epoch %d: test accuracy %.2f%%, test loss %.4f (train accuracy %.2f%%)%n",
                    last.epoch() + 1, 100 * last.value("val_accuracy"), last.validationLoss(),
                    100 * last.value("accuracy"));
        }
        o.printf(Locale.ROOT, "wrote %s, %s and %s in %s (%.1f s)%n", ModelFiles.CHECKPOINT, TrainingOutputs.HISTORY,
                String.join(", ", charts), out, (System.nanoTime() - start) / 1e9);
        o.flush();
        return 0;
    }

    /**
     * After Ctrl-C: saves the checkpoint at the last finished step (also inside an epoch), the history
     * and its charts, says what was saved and how to continue. Returns the exit status of an
     * interrupted command (130, as a shell reports SIGINT).
     */
    private int stopped(Trainer trainer, long stepsBefore, PrintWriter o) throws IOException {
        if (trainer.step() == stepsBefore) {
            o.println(stepsBefore == 0 ? "interrupted before the first step: nothing was trained, nothing saved"
                    : "interrupted before the next step: " + out.resolve(ModelFiles.CHECKPOINT)
                            + " is unchanged (after " + position(trainer) + ")");
        } else {
            Checkpoint.save(out.resolve(ModelFiles.CHECKPOINT), trainer.model(), trainer.optimizer(), trainer.state());
            new TrainingOutputs(out).write(trainer.history());
            o.printf("interrupted: saved %s after %s (weights, optimizer state and the position in the epoch),%n"
                    + "  with %s and the charts of the finished epochs, in %s%n", ModelFiles.CHECKPOINT,
                    position(trainer), TrainingOutputs.HISTORY, out);
        }
        if (trainer.step() > 0) {
            o.println("resume with: ./convlab train --resume --epochs " + epochs + " --out " + ShellWords.quote(out.toString()));
        }
        o.flush();
        return INTERRUPTED;
    }

    /** "epoch 2 (step 314)", or "step 37 of epoch 3 (step 351 in all)" inside an epoch. */
    private static String position(Trainer trainer) {
        int batch = trainer.state().midEpoch() ? trainer.state().epochProgress().batches() : 0;
        return batch == 0 ? "epoch " + trainer.epoch() + " (step " + trainer.step() + ")"
                : "step " + batch + " of epoch " + (trainer.epoch() + 1) + " (step " + trainer.step() + " in all)";
    }

    /** A trainer ready to fit, with the settings to record. */
    private record Run(Trainer trainer, TrainSettings settings, org.nd4j.linalg.api.buffer.DataType dataType) {
    }

    private Run fresh(Path checkpoint) throws Exception {
        if (model == null) {
            throw usage("--model is required (unless --resume continues a run)");
        }
        if (Files.exists(checkpoint)) {
            throw new CommandFailure(out + " already holds a training run (" + checkpoint.getFileName()
                    + "); add --resume to continue it, or choose another --out");
        }
        ModelConfig config = ModelFiles.readConfig(model);
        long runSeed = seed != null ? seed : config.seed().orElse(DEFAULT_SEED);
        Sequential net = ModelFiles.build(new ModelConfig(config.layers(), config.dataType(), runSeed), model);
        String kind = optimizer == null ? "adam" : optimizer;
        double rate = lr != null ? lr : kind.equals("sgd") ? 0.05 : 1e-3;
        double m = momentum != null ? momentum : DEFAULT_MOMENTUM;
        TrainSettings s = new TrainSettings(model.toString(), data == null ? FashionData.DEFAULT : data, kind, rate, m,
                batch == null ? DEFAULT_BATCH : batch, runSeed, limit);
        return new Run(trainer(net, newOptimizer(net, s), runSeed, s.batch()), s, config.dataType());
    }

    private Run resumed(Path checkpoint) throws Exception {
        if (!Files.isRegularFile(checkpoint)) {
            throw new CommandFailure("--resume: no checkpoint in " + out + " (expected " + checkpoint
                    + "); start the run without --resume");
        }
        Checkpoint cp = Checkpoint.read(checkpoint);
        Sequential net = cp.buildModel();
        if (model != null) {
            // The given config must describe the checkpoint's model (layer types, array shapes).
            try {
                cp.restoreModel(ModelFiles.build(ModelFiles.readConfig(model), model));
            } catch (IllegalArgumentException e) {
                throw new CommandFailure("--model " + model + " does not match the run in " + out + ": "
                        + oneLine(e), e);
            }
        }
        TrainSettings stored = TrainSettings.read(out);
        String kind = cp.optimizerType().toLowerCase(Locale.ROOT);
        long runSeed = cp.trainingState().seed();
        requireSame("--optimizer", optimizer, kind);
        requireSame("--seed", seed, runSeed);
        if (stored != null) {
            requireSame("--lr", lr, stored.learningRate());
            requireSame("--batch", batch, stored.batch());
            requireSame("--momentum", momentum, stored.momentum());
            requireSame("--limit", limit, stored.limit());
        }
        // The learning rate itself comes back with the optimizer state; this one is for the record.
        TrainSettings s = new TrainSettings(
                stored != null ? stored.model() : model != null ? model.toString() : checkpoint.toString(),
                data != null ? data : stored != null ? stored.data() : FashionData.DEFAULT, kind,
                stored != null ? stored.learningRate() : lr != null ? lr : kind.equals("sgd") ? 0.05 : 1e-3,
                stored != null ? stored.momentum() : momentum != null ? momentum : DEFAULT_MOMENTUM,
                stored != null ? stored.batch() : batch != null ? batch : DEFAULT_BATCH, runSeed,
                stored != null ? stored.limit() : limit);
        Optimizer opt = newOptimizer(net, s);
        cp.restoreOptimizer(opt);
        Trainer trainer = trainer(net, opt, runSeed, s.batch());
        trainer.restore(cp.trainingState());
        return new Run(trainer, s, cp.config().dataType());
    }

    /** A resumed run continues bit for bit only with the settings it started with. */
    private void requireSame(String option, Object given, Object stored) {
        if (given != null && !Objects.equals(given, stored)) {
            throw usage(option + " " + given + " differs from the run in " + out + " (" + stored
                    + "); a resumed run keeps its settings (leave the option out)");
        }
    }

    private Trainer trainer(Sequential net, Optimizer opt, long runSeed, int batchSize) {
        Trainer.Builder b = Trainer.builder(net, new SoftmaxCrossEntropy(), opt).metrics(new Accuracy()).seed(runSeed)
                .batchSize(batchSize).shuffle(true)
                .callbacks(new CheckpointEvery(1, out.resolve(ModelFiles.CHECKPOINT)), new TrainingOutputs(out))
                .listener(ProgressListener.forConsole());
        if (testCallback != null) {
            b.callbacks(testCallback);
        }
        return b.build();
    }

    private static Optimizer newOptimizer(Sequential net, TrainSettings s) {
        return s.optimizer().equals("sgd")
                ? SGD.builder(net.parameters(), s.learningRate()).momentum(s.momentum()).build()
                : Adam.builder(net.parameters()).learningRate(s.learningRate()).build();
    }

    private void checkRanges() {
        if (epochs < 1) {
            throw usage("--epochs must be >= 1, got " + epochs);
        }
        if (batch != null && batch < 1) {
            throw usage("--batch must be >= 1, got " + batch);
        }
        if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
            throw usage("--lr must be a positive number, got " + lr);
        }
        if (optimizer != null && !optimizer.equals("adam") && !optimizer.equals("sgd")) {
            throw usage("--optimizer must be adam or sgd, got '" + optimizer + "'");
        }
        if (momentum != null && !(momentum >= 0 && momentum < 1)) {
            throw usage("--momentum must be in [0, 1), got " + momentum);
        }
        if (limit != null && limit < 1) {
            throw usage("--limit must be >= 1, got " + limit);
        }
    }
}
