package org.convlab.nn;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A differentiable building block with hand-written forward and backward passes.
 *
 * <p>{@link #forward} keeps what {@link #backward} needs on a stack, so a layer applied k times
 * (weight sharing) is back-propagated by k backward calls in the reverse order of the forward
 * calls, and its parameter gradients are the sum over all applications.
 */
public interface Layer {

    /** Computes the output and remembers what backward needs. */
    INDArray forward(INDArray input);

    /** Returns dLoss/dInput for the most recent unmatched forward call and ADDS into every {@link Parameter#grad()}. */
    INDArray backward(INDArray gradOutput);

    /** The trainable parameters, in a fixed documented order; empty for a layer without parameters. */
    List<Parameter> parameters();

    /**
     * The output shape for an input shape (batch axis included).
     *
     * @throws IllegalArgumentException naming the layer, the expected shape and the actual one
     */
    long[] outputShape(long... inputShape);

    /** Switches between training behaviour (batch statistics, dropout) and evaluation; no-op by default. */
    default void setTraining(boolean training) {
    }

    /**
     * Whether {@link #backward} must return dLoss/dInput. A layer whose input is data (the first
     * layer of a Sequential, by default) is told false and may skip that work and return null;
     * its parameter gradients are unaffected.
     */
    default void setInputGradientNeeded(boolean needed) {
    }

    /** Non-trainable state that a checkpoint must keep (BatchNorm running statistics), by name. */
    default Map<String, INDArray> buffers() {
        return Map.of();
    }

    /** A short human-readable name for summaries and error messages. */
    default String name() {
        return getClass().getSimpleName();
    }
}
