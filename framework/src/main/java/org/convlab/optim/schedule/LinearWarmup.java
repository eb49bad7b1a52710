package org.convlab.optim.schedule;

import java.util.Objects;

/**
 * A linear ramp to the base rate over the first {@code warmupSteps} steps, then another schedule:
 * {@code lr(t) = base (t + 1) / warmupSteps} for {@code t < warmupSteps} (so the first step already
 * moves and step {@code warmupSteps - 1} reaches the base rate), and
 * {@code then.learningRate(base, t - warmupSteps)} afterwards: the following schedule starts its
 * own clock at 0 when the warm-up ends.
 */
public final class LinearWarmup implements LearningRateSchedule {
    private final int warmupSteps;
    private final LearningRateSchedule then;

    public LinearWarmup(int warmupSteps, LearningRateSchedule then) {
        if (warmupSteps < 1) {
            throw new IllegalArgumentException("LinearWarmup: warmupSteps must be >= 1, got " + warmupSteps);
        }
        this.warmupSteps = warmupSteps;
        this.then = Objects.requireNonNull(then, "LinearWarmup: the following schedule");
    }

    /** Warm-up followed by the constant base rate. */
    public LinearWarmup(int warmupSteps) {
        this(warmupSteps, (base, t) -> base);
    }

    @Override
    public double learningRate(double baseLearningRate, int t) {
        LearningRateSchedule.requireNonNegative("LinearWarmup", t);
        if (t < warmupSteps) {
            return baseLearningRate * (t + 1) / warmupSteps;
        }
        return then.learningRate(baseLearningRate, t - warmupSteps);
    }
}
