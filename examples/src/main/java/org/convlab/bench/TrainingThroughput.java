package org.convlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convlab.data.BatchIterator;
import org.convlab.data.DataSet;
import org.convlab.data.fashion.FashionMnist;
import org.convlab.nn.Sequential;
import org.convlab.nn.conv.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.loss.SoftmaxCrossEntropy;
import org.convlab.optim.Adam;
import org.convlab.train.BatchSource;
import org.convlab.train.Callback;
import org.convlab.train.MiniBatch;
import org.convlab.train.PrefetchingBatchSource;
import org.convlab.train.ProgressListener;
import org.convlab.train.Trainer;

/**
 * Training throughput and memory of the small CNN Conv2d(1->32, 3, pad 1) - ReLU - MaxPool 2 -
 * Conv2d(32->64, 3, pad 1) - ReLU - MaxPool 2 - Flatten - Linear(3136->128) - ReLU - Linear(128->10),
 * softmax cross-entropy, Adam, FLOAT, on 28x28 Fashion-MNIST through the {@link Trainer}.
 *
 * <p>Throughput is the median of images per second over windows of steps after a warm-up; memory is
 * the process's resident set (Java heap and ND4J's off-heap buffers alike) read from
 * {@code /proc/self/status} at two steps, so a leak of native memory shows as growth.
 */
public final class TrainingThroughput {

    /** What one run measured. */
    public record Result(int steps, int batch, double medianImagesPerSecond, double[] windowImagesPerSecond,
            long rssEarlyKb, long rssLateKb, int earlyStep, int lateStep) {
        public double rssGrowth() {
            return rssEarlyKb <= 0 ? Double.NaN : (double) (rssLateKb - rssEarlyKb) / rssEarlyKb;
        }
    }

    private TrainingThroughput() {
    }

    /** The small CNN of the benchmark. */
    public static Sequential smallCnn(long seed) {
        return new Sequential(Conv2d.builder(1, 32, 3).padding(1).seed(seed).build(), new ReLU(), new MaxPool2d(2),
                Conv2d.builder(32, 64, 3).padding(1).seed(seed + 10).build(), new ReLU(), new MaxPool2d(2),
                new Flatten(), Linear.builder(3136, 128).seed(seed + 20).build(), new ReLU(),
                Linear.builder(128, 10).seed(seed + 30).build());
    }

    /**
     * Trains for {@code steps} steps of {@code batch} images and measures.
     *
     * @param window steps per throughput window
     * @param earlyStep the step whose resident set is the baseline (after warm-up)
     */
    public static Result run(int steps, int batch, int window, int earlyStep, long seed) {
        return run(smallCnn(seed), steps, batch, window, earlyStep, seed);
    }

    /** As {@link #run(int, int, int, int, long)} for any model of 1x28x28 images and 10 classes. */
    public static Result run(Sequential model, int steps, int batch, int window, int earlyStep, long seed) {
        DataSet train = FashionMnist.load().train();
        Probe probe = new Probe(steps, window, batch, earlyStep);
        Trainer trainer = Trainer.builder(model, new SoftmaxCrossEntropy(),
                Adam.builder(model.parameters()).learningRate(1e-3).build())
                .listener(ProgressListener.silent()).seed(seed).callbacks(probe).build();
        BatchIterator batches = BatchIterator.builder(train, batch).shuffle(true).dropLast(true).seed(seed).build();
        int epochs = (steps + batches.batchesPerEpoch() - 1) / batches.batchesPerEpoch();
        trainer.fit(source(batches), null, epochs);
        double[] rates = probe.rates.stream().mapToDouble(Double::doubleValue).toArray();
        // The first window contains JIT compilation and first-touch allocation: not steady state.
        double[] steady = rates.length > 1 ? Arrays.copyOfRange(rates, 1, rates.length) : rates;
        double[] sorted = steady.clone();
        Arrays.sort(sorted);
        double median = sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
        return new Result(probe.seen, batch, median, rates, probe.rssEarly, probe.rssLate, earlyStep, probe.seen);
    }

    /** Profiles {@code steps} steps of {@code model} after {@code warmup} steps, on the data of {@link #run}. */
    public static StepProfile.Result profile(Sequential model, int batch, int warmup, int steps, long seed) {
        DataSet train = FashionMnist.load().train();
        BatchIterator batches = BatchIterator.builder(train, batch).shuffle(true).dropLast(true).seed(seed).build();
        return StepProfile.run(model, source(batches), batch, warmup, steps, seed);
    }

    /** The batches of the benchmark, assembled two ahead on a background thread, as {@code convlab train} reads them. */
    static BatchSource source(BatchIterator batches) {
        return PrefetchingBatchSource.of(BatchSource.of(batches::epoch, b -> new MiniBatch(b.features(), b.labels())), 2);
    }

    /** The resident set size of this process in kB, or -1 where /proc is not available. */
    public static long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Times windows of steps, reads the resident set, and stops training after the last step. */
    private static final class Probe implements Callback {
        private final int steps;
        private final int window;
        private final int batch;
        private final int earlyStep;
        private final List<Double> rates = new ArrayList<>();
        private long windowStart = System.nanoTime();
        private int seen;
        private long rssEarly = -1;
        private long rssLate = -1;

        Probe(int steps, int window, int batch, int earlyStep) {
            this.steps = steps;
            this.window = window;
            this.batch = batch;
            this.earlyStep = earlyStep;
        }

        @Override
        public void afterStep(Trainer trainer, double loss) {
            if (seen == steps) {
                return; // the rest of the last epoch runs after the stop request; it is not measured
            }
            seen++;
            if (seen % window == 0) {
                long now = System.nanoTime();
                rates.add(window * (double) batch / ((now - windowStart) / 1e9));
                windowStart = now;
            }
            if (seen == earlyStep) {
                rssEarly = residentKb();
            }
            if (seen == steps) {
                rssLate = residentKb();
                trainer.requestStop();
            }
        }
    }
}
