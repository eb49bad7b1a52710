package org.convlab.autograd;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An array recorded on a {@link Tape}, and the gradient dLoss/dValue that the tape's backward pass
 * accumulates into it. The value is held, not copied: an input variable wraps the caller's array.
 */
public final class Variable {
    private final Tape tape;
    private final INDArray value;
    private INDArray grad;

    Variable(Tape tape, INDArray value) {
        this.tape = tape;
        this.value = value;
    }

    public INDArray value() {
        return value;
    }

    public long[] shape() {
        return value.shape();
    }

    /** The accumulated gradient; zeros when nothing flowed into this variable. */
    public INDArray grad() {
        if (grad == null) {
            grad = value.ulike();
            grad.assign(0);
        }
        return grad;
    }

    /** Whether any gradient has flowed into this variable. */
    public boolean hasGrad() {
        return grad != null;
    }

    Tape tape() {
        return tape;
    }

    /**
     * Adds a share of the gradient. The first share is copied, never aliased: a backward step may
     * hand back an array it still owns, or the very array it was given.
     */
    void accumulate(INDArray share, String source) {
        if (!Arrays.equals(share.shape(), value.shape())) {
            throw new IllegalStateException(source + " produced a gradient of shape " + Arrays.toString(share.shape())
                    + " for a value of shape " + Arrays.toString(value.shape()));
        }
        if (grad == null) {
            grad = share.dup();
        } else {
            grad.addi(share);
        }
    }

    @Override
    public String toString() {
        return "Variable" + Arrays.toString(value.shape());
    }
}
