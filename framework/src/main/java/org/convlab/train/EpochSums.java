package org.convlab.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The running sums of the epoch in progress: the loss times batch size, the examples, and each
 * training metric's accumulator. They can be saved as an {@link EpochProgress} after any step and
 * restored from one, so that the epoch's record comes out the same as without the stop.
 */
final class EpochSums {
    private final List<Metric> metrics;
    private final List<Metric.Accumulator> accumulators = new ArrayList<>();
    private double lossSum;
    private long examples;

    EpochSums(List<Metric> metrics) {
        this.metrics = metrics;
        metrics.forEach(m -> accumulators.add(m.start()));
    }

    /** Sums that continue an unfinished epoch. */
    static EpochSums resume(List<Metric> metrics, EpochProgress progress) {
        EpochSums sums = new EpochSums(metrics);
        List<double[]> saved = progress.metricSums();
        if (saved.size() != metrics.size()) {
            throw new IllegalArgumentException("Trainer: the unfinished epoch was trained with " + saved.size()
                    + " metric(s), this trainer has " + metrics.size());
        }
        for (int i = 0; i < saved.size(); i++) {
            sums.accumulators.get(i).restore(saved.get(i));
        }
        sums.lossSum = progress.lossSum();
        sums.examples = progress.examples();
        return sums;
    }

    void addPredictions(INDArray prediction, INDArray targets) {
        for (Metric.Accumulator a : accumulators) {
            a.add(prediction, targets);
        }
    }

    void addLoss(double loss, int batchSize) {
        lossSum += loss * batchSize;
        examples += batchSize;
    }

    long examples() {
        return examples;
    }

    double meanLoss() {
        return lossSum / examples;
    }

    Map<String, Double> metricValues() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            out.put(metrics.get(i).name(), accumulators.get(i).value());
        }
        return out;
    }

    EpochProgress progress(int batches) {
        List<double[]> saved = new ArrayList<>();
        accumulators.forEach(a -> saved.add(a.state()));
        return new EpochProgress(batches, lossSum, examples, saved);
    }
}
