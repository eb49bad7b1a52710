package org.convlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A trainable array and the gradient that backward passes accumulate into it. */
public final class Parameter {
    private final String name;
    private final INDArray value;
    private final INDArray grad;

    public Parameter(String name, INDArray value) {
        this.name = name;
        this.value = value;
        this.grad = value.ulike();
        zeroGrad();
    }

    public String name() {
        return name;
    }

    public INDArray value() {
        return value;
    }

    public INDArray grad() {
        return grad;
    }

    public void zeroGrad() {
        grad.assign(0);
    }

    public long size() {
        return value.length();
    }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(value.shape());
    }
}
