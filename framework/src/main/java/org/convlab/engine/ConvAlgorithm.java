package org.convlab.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One way of computing the convolution of one {@link ConvGeometry} (and data type): a strategy
 * picked once per geometry by {@link ConvAlgorithms#choose} and kept with it.
 *
 * <p>With {@code C(w)} the convolution as a matrix on flattened inputs (cross-correlation, zero
 * padding, weights {@code [O, C/groups, k...]}):
 * <ul>
 *   <li>{@link #forward}: {@code y = C(w) x + b};</li>
 *   <li>{@link #backward}: {@code dx = C(w)^T dy}, {@code dw += dy ⊗ x} (the correlation of the
 *       output gradient with the input), {@code db += sum dy};</li>
 *   <li>the transposed convolution of the same geometry maps the other way: {@code y = C(w)^T x + b}.
 *       Its default methods are the adjoint identities: its forward is the convolution's input
 *       gradient, its input gradient the convolution's forward, and its weight gradient the
 *       convolution's with input and output gradient exchanged. An algorithm with a native
 *       transposed op overrides them.</li>
 * </ul>
 * Arrays are channels first, {@code [N, C, spatial...]}, in the geometry's data type. The caller
 * owns the results: it passes in the arrays to write {@code y} and {@code dx} into (c-ordered and
 * contiguous, any previous contents), so that a training loop can hand the same buffers to every
 * step instead of allocating them afresh. An algorithm's own scratch memory is reused from call to
 * call; one instance serves one thread at a time (its layer's).
 */
public interface ConvAlgorithm {

    /** A short name for summaries: {@code "native conv2d"}, {@code "im2col+GEMM"}, ... */
    String name();

    /** The name shown for the transposed convolution on this algorithm. */
    default String transposedName() {
        return name();
    }

    /** Writes {@code C(w) x + bias} into {@code y} ({@code bias} may be null) and returns {@code y}. */
    INDArray forward(INDArray x, INDArray w, INDArray bias, INDArray y);

    /**
     * The convolution's backward pass.
     *
     * @param x the forward input; may be null when {@code dwAccum} is null
     * @param w the weights; may be null when {@code dx} is null
     * @param dwAccum a contiguous c-order array to add the weight gradient into, or null to skip it
     * @param dbAccum an array to add the bias gradient into, or null
     * @param dx the array to write the input gradient into (every element), or null to skip it
     */
    void backward(INDArray x, INDArray w, INDArray dy, INDArray dwAccum, INDArray dbAccum, INDArray dx);

    /** The transposed convolution: writes {@code C(w)^T x + bias} into {@code y}, {@code x} shaped as this geometry's output. */
    default INDArray transposedForward(INDArray x, INDArray w, INDArray bias, INDArray y) {
        backward(null, w, x, null, null, y);
        if (bias != null) {
            ChannelBias.add(y, bias);
        }
        return y;
    }

    /** The transposed convolution's backward pass; the arguments as in {@link #backward}, {@code x} its input. */
    default void transposedBackward(INDArray x, INDArray w, INDArray dy, INDArray dwAccum, INDArray dbAccum,
            INDArray dx) {
        if (dwAccum != null) {
            // y = C(w)^T x is linear in w with the roles of the convolution's input (dy) and output gradient (x).
            backward(dy, null, x, dwAccum, null, null);
        }
        if (dbAccum != null) {
            dbAccum.addi(ChannelBias.gradient(dy));
        }
        if (dx != null) {
            forward(dy, w, null, dx);
        }
    }
}
