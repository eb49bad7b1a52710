package org.convlab.nn.layers;

/** Leaky ReLU: {@code y = x} for {@code x > 0}, else {@code slope * x} (PyTorch's default slope is 0.01). */
public final class LeakyReLU extends ElementWise {
    private final double slope;

    public LeakyReLU() {
        this(0.01);
    }

    public LeakyReLU(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("LeakyReLU: slope must be finite, got " + slope);
        }
        this.slope = slope;
    }

    public double slope() {
        return slope;
    }

    @Override
    protected double apply(double x) {
        return x > 0 ? x : slope * x;
    }

    @Override
    protected double derivative(double x, double y) {
        return x > 0 ? 1 : slope;
    }
}
