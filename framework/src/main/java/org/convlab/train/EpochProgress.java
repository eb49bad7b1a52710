package org.convlab.train;

import java.util.ArrayList;
import java.util.List;

/**
 * How far a run got into an unfinished epoch: the batches already trained on, the running loss sum
 * and example count, and each training metric's running sums ({@link Metric.Accumulator#state()}).
 * With these a run stopped after any step continues the epoch exactly as if it had not stopped.
 *
 * @param batches batches of the epoch already trained on (the next one to train is this index)
 * @param lossSum the sum of loss times batch size over those batches
 * @param examples the examples in those batches
 * @param metricSums one array of running sums per training metric, in the trainer's metric order
 */
public record EpochProgress(int batches, double lossSum, long examples, List<double[]> metricSums) {

    public EpochProgress {
        if (batches < 0 || examples < 0) {
            throw new IllegalArgumentException("EpochProgress: batches and examples must be >= 0, got "
                    + batches + " and " + examples);
        }
        List<double[]> copy = new ArrayList<>();
        for (double[] sums : metricSums == null ? List.<double[]>of() : metricSums) {
            copy.add(sums.clone());
        }
        metricSums = List.copyOf(copy);
    }

    @Override
    public List<double[]> metricSums() {
        List<double[]> copy = new ArrayList<>();
        metricSums.forEach(s -> copy.add(s.clone()));
        return copy;
    }
}
