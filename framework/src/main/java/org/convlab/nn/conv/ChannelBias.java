package org.convlab.nn.conv;

import org.convlab.engine.ConvEngine;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The per-channel bias step of composite layers: {@code y[n, c, ...] += b[c]}, and its gradient. */
final class ChannelBias {
    private ChannelBias() {
    }

    /** Adds {@code bias} along axis 1 of {@code y}, in place. */
    static INDArray addInPlace(INDArray y, INDArray bias) {
        ConvEngine.addBias(y, bias);
        return y;
    }

    static INDArray gradient(INDArray gradOutput) {
        return ConvEngine.biasGradient(gradOutput);
    }
}
