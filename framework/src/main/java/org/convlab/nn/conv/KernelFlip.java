package org.convlab.nn.conv;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reverses a kernel [O, I, k...] along every spatial axis: the step that turns the
 * signal-processing convolution into deep learning's cross-correlation. The flip is its own
 * inverse and its own adjoint, so the gradient of the stored kernel is the flipped gradient.
 */
public final class KernelFlip {
    private KernelFlip() {
    }

    /** A new array: {@code kernel} reversed along axes 2 and up. */
    public static INDArray flip(INDArray kernel) {
        int[] spatial = new int[kernel.rank() - 2];
        for (int a = 0; a < spatial.length; a++) {
            spatial[a] = a + 2;
        }
        INDArray out = kernel.ulike();
        Nd4j.exec(new Reverse(kernel, out, spatial));
        return out;
    }
}
