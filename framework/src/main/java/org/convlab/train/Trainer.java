package org.convlab.train;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@link BatchSource}, and evaluates it.
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, new SoftmaxCrossEntropy(), optimizer)
 *         .metrics(new Accuracy()).seed(42)
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
 * checkpoint continues exactly as the uninterrupted run.
 */
public final class Trainer {
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
    private boolean stopRequested;

    private Trainer(Builder b) {
        this.model = b.model;
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.metrics = List.copyOf(b.metrics);
        this.callbacks = List.copyOf(b.callbacks);
        this.listener = b.listener;
        this.seed = b.seed;
        for (NamedArrays.Named n : NamedArrays.parameters(model)) {
            parameterNames.put(n.parameter(), n);
        }
    }

    public static Builder builder(Sequential model, Loss loss, Optimizer optimizer) {
        return new Builder(model, loss, optimizer);
    }

    /**
     * Trains until {@code epochs} epochs in total are complete (counting those before a
     * {@link #restore}), or a callback requests a stop.
     *
     * @param validation evaluated after every epoch; null for none
     * @return the history of the whole run (also the epochs of earlier calls)
     */
    public History fit(BatchSource train, BatchSource validation, int epochs) {
        stopRequested = false;
        listener.onFitStart(epoch, epochs, train.batchesPerEpoch());
        try {
            callbacks.forEach(c -> c.onFitStart(this));
            model.setTraining(true);
            while (epoch < epochs && !stopRequested) {
                runEpoch(train, validation, epochs);
            }
        } finally {
            listener.onFitEnd();
        }
        return history.copy();
    }

    private void runEpoch(BatchSource train, BatchSource validation, int epochs) {
        callbacks.forEach(c -> c.onEpochStart(this));
        listener.onEpochStart(epoch);
        List<Metric.Accumulator> accumulators = startAll();
        double lossSum = 0;
        long examples = 0;
        int batch = 0;
        Iterator<MiniBatch> batches = train.epoch(epoch, EpochSeeds.of(seed, epoch)).iterator();
        try {
            while (batches.hasNext()) {
                MiniBatch b = batches.next();
                BatchChecks.check(model, b, epoch, batch);
                callbacks.forEach(c -> c.beforeStep(this));
                double value = trainStep(b, accumulators);
                lossSum += value * b.size();
                examples += b.size();
                step++;
                history.addStepLoss(value);
                listener.onStep(epoch, batch++, value);
                callbacks.forEach(c -> c.afterStep(this, value));
            }
        } finally {
            PrefetchingBatchSource.close(batches); // stops a background reader, also when a step throws
        }
        if (examples == 0) {
            throw new IllegalStateException("Trainer: epoch " + epoch + " of the training source has no batches");
        }
        Evaluation val = validation == null ? null : evaluate(validation);
        EpochRecord record = new EpochRecord(epoch, lossSum / examples, values(accumulators),
                val == null ? null : val.loss(), val == null ? Map.of() : val.metrics(), optimizer.learningRate());
        history.addEpoch(record);
        epoch++;
        listener.onEpochEnd(record);
        callbacks.forEach(c -> c.onEpochEnd(this, record));
    }

    /** One optimizer step on one batch; returns its loss. */
    private double trainStep(MiniBatch b, List<Metric.Accumulator> accumulators) {
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
        for (Metric.Accumulator a : accumulators) {
            a.add(prediction, b.targets());
        }
        model.backward(result.gradient());
        try {
            optimizer.step();
        } catch (NonFiniteGradientException e) {
            restoreBuffers(buffersBefore);
            throw gradientDiverged(e);
        }
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

    /** The counters, seed and history, for a checkpoint. */
    public TrainingState state() {
        return new TrainingState(epoch, step, seed, history.copy());
    }

    /**
     * Continues from a checkpoint's state (after the model weights and the optimizer state were
     * restored).
     *
     * @throws IllegalArgumentException when the state was trained with another seed, which would
     *         change the data order
     */
    public void restore(TrainingState state) {
        if (state.seed() != seed) {
            throw new IllegalArgumentException("Trainer: the checkpoint was trained with seed " + state.seed()
                    + ", this trainer has seed " + seed + "; resuming would change the data order");
        }
        this.epoch = state.epoch();
        this.step = state.step();
        this.history = state.history().copy();
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

    /** Settings of a {@link Trainer}; defaults: no metrics, no callbacks, seed 0, {@link ProgressListener#silent()}. */
    public static final class Builder {
        private final Sequential model;
        private final Loss loss;
        private final Optimizer optimizer;
        private final List<Metric> metrics = new ArrayList<>();
        private final List<Callback> callbacks = new ArrayList<>();
        private ProgressListener listener = ProgressListener.silent();
        private long seed;

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
