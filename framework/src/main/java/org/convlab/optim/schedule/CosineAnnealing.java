package org.convlab.optim.schedule;

/**
 * Half a cosine from the base rate down to {@code minLr} over {@code tMax} steps
 * ({@code torch.optim.lr_scheduler.CosineAnnealingLR}):
 * {@code lr(t) = minLr + (base - minLr) (1 + cos(pi t / tMax)) / 2} for {@code t <= tMax}. After
 * {@code tMax} the rate stays at {@code minLr} (PyTorch's closed form would climb again).
 */
public final class CosineAnnealing implements LearningRateSchedule {
    private final int tMax;
    private final double minLr;

    public CosineAnnealing(int tMax, double minLr) {
        if (tMax < 1) {
            throw new IllegalArgumentException("CosineAnnealing: tMax must be >= 1, got " + tMax);
        }
        if (!(minLr >= 0) || Double.isInfinite(minLr)) {
            throw new IllegalArgumentException("CosineAnnealing: minLr must be finite and >= 0, got " + minLr);
        }
        this.tMax = tMax;
        this.minLr = minLr;
    }

    @Override
    public double learningRate(double baseLearningRate, int t) {
        LearningRateSchedule.requireNonNegative("CosineAnnealing", t);
        if (t >= tMax) {
            return minLr;
        }
        return minLr + (baseLearningRate - minLr) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
    }
}
