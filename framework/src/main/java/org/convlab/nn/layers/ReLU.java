package org.convlab.nn.layers;

/** Rectified linear unit: {@code y = max(0, x)}; the derivative at 0 is taken as 0, as in PyTorch. */
public final class ReLU extends ElementWise {
    @Override
    protected double apply(double x) {
        return x > 0 ? x : 0;
    }

    @Override
    protected double derivative(double x, double y) {
        return x > 0 ? 1 : 0;
    }
}
