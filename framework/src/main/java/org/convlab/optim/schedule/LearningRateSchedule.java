package org.convlab.optim.schedule;

import org.convlab.optim.Optimizer;

/**
 * The learning rate as a function of a counter {@code t} (steps or epochs: the caller decides) and
 * of the base learning rate the schedule scales, as PyTorch's schedulers scale the optimizer's
 * initial rate.
 * <pre>{@code
 * LearningRateSchedule s = new LinearWarmup(500, new CosineAnnealing(10_000, 1e-5));
 * s.apply(optimizer, 0.1, step);   // before optimizer.step()
 * }</pre>
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate at {@code t >= 0}. */
    double learningRate(double baseLearningRate, int t);

    /** Sets the optimizer's learning rate for {@code t}. */
    default void apply(Optimizer optimizer, double baseLearningRate, int t) {
        optimizer.setLearningRate(learningRate(baseLearningRate, t));
    }

    static int requireNonNegative(String schedule, int t) {
        if (t < 0) {
            throw new IllegalArgumentException(schedule + ": t must be >= 0, got " + t);
        }
        return t;
    }
}
