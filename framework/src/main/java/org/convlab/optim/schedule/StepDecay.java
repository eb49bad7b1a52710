package org.convlab.optim.schedule;

/**
 * Multiplies the rate by {@code gamma} every {@code stepSize} steps ({@code torch.optim.lr_scheduler.StepLR}):
 * {@code lr(t) = base * gamma^floor(t / stepSize)}.
 */
public final class StepDecay implements LearningRateSchedule {
    private final int stepSize;
    private final double gamma;

    public StepDecay(int stepSize, double gamma) {
        if (stepSize < 1) {
            throw new IllegalArgumentException("StepDecay: stepSize must be >= 1, got " + stepSize);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("StepDecay: gamma must be in (0, 1], got " + gamma);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    public double learningRate(double baseLearningRate, int t) {
        LearningRateSchedule.requireNonNegative("StepDecay", t);
        return baseLearningRate * Math.pow(gamma, t / stepSize);
    }
}
