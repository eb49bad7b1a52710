package org.convlab.nn.layers;

/** Hyperbolic tangent: {@code y = tanh(x)}, {@code dy/dx = 1 - y^2}. */
public final class Tanh extends ElementWise {
    @Override
    protected double apply(double x) {
        return Math.tanh(x);
    }

    @Override
    protected double derivative(double x, double y) {
        return 1 - y * y;
    }
}
