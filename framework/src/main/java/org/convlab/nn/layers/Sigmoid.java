package org.convlab.nn.layers;

/** Logistic sigmoid: {@code y = 1 / (1 + e^-x)}, {@code dy/dx = y (1 - y)}. */
public final class Sigmoid extends ElementWise {
    @Override
    protected double apply(double x) {
        // Two branches so that e^|x| never overflows for large |x|.
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    @Override
    protected double derivative(double x, double y) {
        return y * (1 - y);
    }
}
