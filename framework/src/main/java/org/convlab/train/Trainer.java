package org.convlab.train;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.data.DataSet;
import org.convlab.nn.NamedArrays;
import org.convlab.nn.GradMode;
import org.convlab.nn.Parameter;
import org.convlab.nn.Sequential;
import org.convlab.nn.loss.Loss;
import org.convlab.optim.NonFiniteGradientException;
import org.convlab.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains a {@link Sequential} model with a loss and an optimizer, epoch by epoch over a
 * {@link DataSet} or any {@link BatchSource}, and evaluates it.
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, new SoftmaxCrossEntropy(), optimizer)
 *         .metrics(new Accuracy()).batchSize(64).seed(42)
 *         .callbacks(new EarlyStopping("val_loss", 3)).build();
 * History history = trainer.fit(train, validation, 10);
 * }</pre>
 *
 * <p>Each step: zero the gradients, forward, loss; a non-finite loss stops here, before backward;
 * then backward and the optimizer step, which refuses non-finite gradients before changing any
 * weight. Either way a {@link TrainingDivergedException} names the epoch and step (and the layer and
 * parameter of a bad gradient), and the buffers touched by the failed forward pass are put back, so
 * the model is the one after the last good step.
 *
 * <p>Runs are deterministic: epoch {@code e} draws its batches with {@link EpochSeeds#of}(seed, e),
 * so the same seed gives the same history, and a run restored with {@link #restore} from a
 * checkpoint continues exactly as the uninterrupted run, also from the middle of an epoch
 * ({@link #requestInterrupt()}, {@link EpochProgress}).
 */
public final class Trainer {
    private final NativeMemoryReclaimer reclaimer = NativeMemoryReclaimer.fromSystemProperty();
    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final List<Metric> metrics;
    private final List<Callback> callbacks;
    private final ProgressListener listener;
    private final long seed;
    private final Map<Parameter, NamedArrays.Named> parameterNames = new IdentityHashMap<>();
    private History history = new History();
    private int epoch;
    private long step;
    private final int batchSize;
    private final boolean shuffle;
    private boolean stopRequested;
    private volatile boolean interruptRequested;
    private boolean interrupted;
    private int batchInEpoch;
    // The unfinished epoch: its sums while fit runs it, its saved position after an interrupt or restore.
    private EpochSums running;
    private EpochProgress epochProgress;

    private Trainer(Builder b) {
        this.model = b.model;
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.metrics = List.copyOf(b.metrics);
        this.callbacks = List.copyOf(b.callbacks);
        this.listener = b.listener;
        this.seed = b.seed;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        for (NamedArrays.Named n : NamedArrays.parameters(model)) {
            parameterNames.put(n.parameter(), n);
        }
    }

    public static Builder builder(Sequential model, Loss loss, Optimizer optimizer) {
        return new Builder(model, loss, optimizer);
    }

    /**
     * Trains until {@code epochs} epochs in total are complete (counting those before a
     * {@link #restore}), a callback requests a stop, or {@link #requestInterrupt()} ends it after a
     * step ({@link #interrupted()} then says so, and {@link #state()} holds the unfinished epoch).
     *
     * @param validation evaluated after every epoch; null for none
     * @return the history of the whole run (also the epochs of earlier calls)
     */
    public History fit(BatchSource train, BatchSource validation, int epochs) {
        stopRequested = false;
        interrupted = false;
        listener.onFitStart(epoch, epochs, train.batchesPerEpoch());
        try {
            callbacks.forEach(c -> c.onFitStart(this));
            model.setTraining(true);
            while (epoch < epochs && !stopRequested && !interrupted && !interruptNow()) {
                runEpoch(train, validation, epochs);
            }
        } finally {
            listener.onFitEnd();
        }
        return history.copy();
    }

    /**
     * Trains on a data set in batches of {@link Builder#batchSize}, shuffled each epoch from the
     * trainer's seed unless {@link Builder#shuffle} is off, as {@link #fit(BatchSource, BatchSource, int)}.
     *
     * @param validation evaluated (in data order) after every epoch; null for none
     */
    public History fit(DataSet train, DataSet validation, int epochs) {
        // Two batches assembled ahead on a background thread while a step trains.
        return fit(PrefetchingBatchSource.of(new DataSetBatches(train, batchSize, shuffle), 2),
                validation == null ? null : new DataSetBatches(validation, batchSize, false), epochs);
    }

    /** {@link #evaluate(BatchSource)} over a data set in data order, in batches of {@link Builder#batchSize}. */
    public Evaluation evaluate(DataSet data) {
        return evaluate(new DataSetBatches(data, batchSize, false));
    }

    private void runEpoch(BatchSource train, BatchSource validation, int epochs) {
        EpochProgress resumed = epochProgress;
        epochProgress = null;
        int batch = resumed == null ? 0 : resumed.batches();
        running = resumed == null ? new EpochSums(metrics) : EpochSums.resume(metrics, resumed);
        batchInEpoch = batch;
        callbacks.forEach(c -> c.onEpochStart(this));
        listener.onEpochStart(epoch, batch);
        Iterator<MiniBatch> batches = train.batches(epoch, EpochSeeds.of(seed, epoch), batch);
        try {
            while (batches.hasNext()) {
                if (interruptNow()) {
                    epochProgress = running.progress(batch); // where the next fit (or a checkpoint) continues
                    running = null;
                    return;
                }
                MiniBatch b = batches.next();
                BatchChecks.check(model, b, epoch, batch);
                callbacks.forEach(c -> c.beforeStep(this));
                double value = trainStep(b, running);
                running.addLoss(value, b.size());
                step++;
                history.addStepLoss(value);
                batchInEpoch = ++batch;
                listener.onStep(epoch, batch - 1, value, b.size());
                callbacks.forEach(c -> c.afterStep(this, value));
            }
        } finally {
            PrefetchingBatchSource.close(batches); // stops a background reader, also on an interrupt or a throw
        }
        if (running.examples() == 0) {
            throw new IllegalStateException("Trainer: epoch " + epoch + " of the training source has no batches");
        }
        Evaluation val = validation == null ? null : evaluate(validation);
        EpochRecord record = new EpochRecord(epoch, running.meanLoss(), running.metricValues(),
                val == null ? null : val.loss(), val == null ? Map.of() : val.metrics(), optimizer.learningRate());
        history.addEpoch(record);
        epoch++;
        batchInEpoch = 0;
        running = null;
        listener.onEpochEnd(record);
        callbacks.forEach(c -> c.onEpochEnd(this, record));
    }

    private boolean interruptNow() {
        if (interruptRequested) {
            interruptRequested = false;
            interrupted = true;
            return true;
        }
        return false;
    }

    /** One optimizer step on one batch; returns its loss. */
    private double trainStep(MiniBatch b, EpochSums sums) {
        Map<String, INDArray> buffersBefore = snapshotBuffers();
        optimizer.zeroGrad();
        INDArray prediction = model.forward(b.features());
        Loss.Result result = loss.compute(prediction, b.targets());
        if (!Double.isFinite(result.value())) {
            restoreBuffers(buffersBefore);
            throw new TrainingDivergedException("training diverged at epoch " + epoch + ", step " + step + ": the "
                    + loss.name() + " loss is " + result.value() + "; the step was not applied (weights are those after step "
                    + (step - 1) + ")", epoch, step, null, null, null);
        }
        sums.addPredictions(prediction, b.targets());
        model.backward(result.gradient());
        try {
            optimizer.step();
        } catch (NonFiniteGradientException e) {
            restoreBuffers(buffersBefore);
            throw gradientDiverged(e);
        }
        reclaimer.afterStep();
        return result.value();
    }

    private TrainingDivergedException gradientDiverged(NonFiniteGradientException e) {
        Parameter p = optimizer.parameters().get(e.parameterIndex());
        NamedArrays.Named n = parameterNames.get(p);
        String layer = n == null ? "(not in the model)" : n.layerPath() + " " + n.layerName();
        String what = e.getMessage().contains("NaN") ? "NaN" : "infinite";
        return new TrainingDivergedException("training diverged at epoch " + epoch + ", step " + step
                + ": the gradient of layer " + layer + ", parameter '" + p.name() + "' is " + what
                + "; the step was not applied (weights are those after step " + (step - 1) + ")",
                epoch, step, layer, p.name(), e);
    }

    /**
     * The mean loss and the metrics over every batch of {@code source} (its epoch 0), in evaluation
     * mode (running BatchNorm statistics, no dropout) and without gradient bookkeeping; training
     * mode is switched back on afterwards.
     */
    public Evaluation evaluate(BatchSource source) {
        List<Metric.Accumulator> accumulators = startAll();
        double lossSum = 0;
        long examples = 0;
        model.setTraining(false);
        try (GradMode.Scope ignored = GradMode.disabled()) {
            for (MiniBatch b : source.epoch(0, EpochSeeds.of(seed, 0))) {
                INDArray prediction = model.forward(b.features());
                lossSum += loss.value(prediction, b.targets()) * b.size();
                examples += b.size();
                for (Metric.Accumulator a : accumulators) {
                    a.add(prediction, b.targets());
                }
            }
        } finally {
            model.setTraining(true);
        }
        return new Evaluation(examples == 0 ? Double.NaN : lossSum / examples, values(accumulators));
    }

    private List<Metric.Accumulator> startAll() {
        List<Metric.Accumulator> out = new ArrayList<>();
        metrics.forEach(m -> out.add(m.start()));
        return out;
    }

    private Map<String, Double> values(List<Metric.Accumulator> accumulators) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            out.put(metrics.get(i).name(), accumulators.get(i).value());
        }
        return out;
    }

    /** Copies of the buffers a forward pass may change (BatchNorm statistics, dropout counters); they are small. */
    private Map<String, INDArray> snapshotBuffers() {
        Map<String, INDArray> live = NamedArrays.buffers(model);
        if (live.isEmpty()) {
            return live;
        }
        Map<String, INDArray> copy = new LinkedHashMap<>();
        live.forEach((k, v) -> copy.put(k, v.dup()));
        return copy;
    }

    private void restoreBuffers(Map<String, INDArray> snapshot) {
        Map<String, INDArray> live = NamedArrays.buffers(model);
        snapshot.forEach((k, v) -> live.get(k).assign(v));
    }

    /** Ends {@link #fit} after the current epoch. */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Ends {@link #fit} after the step in progress (at once between steps); safe to call from
     * another thread, e.g. a Ctrl-C handler. The state then holds the unfinished epoch, so a
     * checkpoint of it resumes mid-epoch.
     */
    public void requestInterrupt() {
        interruptRequested = true;
    }

    /** True when the last {@link #fit} ended because of {@link #requestInterrupt()}. */
    public boolean interrupted() {
        return interrupted;
    }

    /** The counters, seed, history and, inside an epoch, how far it got; for a checkpoint. */
    public TrainingState state() {
        EpochProgress progress = batchInEpoch == 0 ? null
                : running != null ? running.progress(batchInEpoch) : epochProgress;
        return new TrainingState(epoch, step, seed, history.copy(), progress);
    }

    /**
     * Continues from a checkpoint's state (after the model weights and the optimizer state were
     * restored), also from the middle of an epoch.
     *
     * @throws IllegalArgumentException when the state was trained with another seed, which would
     *         change the data order
     */
    public void restore(TrainingState state) {
        if (state.seed() != seed) {
            throw new IllegalArgumentException("Trainer: the checkpoint was trained with seed " + state.seed()
                    + ", this trainer has seed " + seed + "; resuming would change the data order");
        }
        if (state.midEpoch()) {
            EpochSums.resume(metrics, state.epochProgress()); // checks the metric sums before anything changes
        }
        this.epoch = state.epoch();
        this.step = state.step();
        this.history = state.history().copy();
        this.epochProgress = state.midEpoch() ? state.epochProgress() : null;
        this.batchInEpoch = epochProgress == null ? 0 : epochProgress.batches();
        this.running = null;
    }

    public Sequential model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Completed epochs. */
    public int epoch() {
        return epoch;
    }

    /** Batches of the current, unfinished epoch trained so far (0 at an epoch boundary). */
    public int batchInEpoch() {
        return batchInEpoch;
    }

    /** Applied optimizer steps. */
    public long step() {
        return step;
    }

    public long seed() {
        return seed;
    }

    /** A copy of the history so far. */
    public History history() {
        return history.copy();
    }

    /**
     * Settings of a {@link Trainer}; defaults: no metrics, no callbacks, seed 0, batch size 32, shuffled,
     * {@link ProgressListener#silent()}.
     */
    public static final class Builder {
        private final Sequential model;
        private final Loss loss;
        private final Optimizer optimizer;
        private final List<Metric> metrics = new ArrayList<>();
        private final List<Callback> callbacks = new ArrayList<>();
        private ProgressListener listener = ProgressListener.silent();
        private long seed;
        private int batchSize = 32;
        private boolean shuffle = true;

        private Builder(Sequential model, Loss loss, Optimizer optimizer) {
            this.model = model;
            this.loss = loss;
            this.optimizer = optimizer;
        }

        public Builder metrics(Metric... metrics) {
            this.metrics.addAll(List.of(metrics));
            return this;
        }

        public Builder callbacks(Callback... callbacks) {
            this.callbacks.addAll(List.of(callbacks));
            return this;
        }

        public Builder listener(ProgressListener listener) {
            this.listener = listener;
            return this;
        }

        /** The seed of the epoch seeds (data order). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Examples per batch when fitting or evaluating a {@link DataSet} (default 32). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("Trainer: the batch size must be >= 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Whether a {@link DataSet} is shuffled anew each epoch, from the trainer's seed (default true). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        public Trainer build() {
            if (model == null || loss == null || optimizer == null || listener == null) {
                throw new IllegalArgumentException("Trainer: model, loss, optimizer and listener must not be null");
            }
            java.util.Set<Parameter> inModel = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            inModel.addAll(model.parameters());
            for (Parameter p : optimizer.parameters()) {
                if (!inModel.contains(p)) {
                    throw new IllegalArgumentException("Trainer: the optimizer updates parameter '" + p.name()
                            + "' that is not in the model; build it over model.parameters()");
                }
            }
            return new Trainer(this);
        }
    }
}
