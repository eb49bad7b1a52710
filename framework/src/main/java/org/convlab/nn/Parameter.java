package org.convlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

    /**
     * One memset of the gradient's memory (zero bytes are +0.0): ND4J's element-wise {@code assign(0)}
     * pays an OpenMP start-up per call, and zeroing the small CNN's 8 gradients took 0.7-1.0 ms of a
     * training step instead of 0.1 ms. The memory manager itself falls back to assign for views.
     */
    public void zeroGrad() {
        if (grad.data().length() == grad.length()) {
            Nd4j.getMemoryManager().memset(grad);
        } else {
            grad.assign(0);
        }
    }

    public long size() {
        return value.length();
    }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(value.shape());
    }
}
