package org.convlab.nn.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

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
    protected INDArray apply(INDArray x) {
        return derivative(x, null).muli(x);
    }

    /** 1 where x > 0, the slope elsewhere. */
    @Override
    protected INDArray derivative(INDArray x, INDArray y) {
        return x.gt(0).castTo(x.dataType()).muli(1 - slope).addi(slope);
    }
}
