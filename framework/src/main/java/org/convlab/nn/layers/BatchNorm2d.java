package org.convlab.nn.layers;

import org.nd4j.linalg.api.buffer.DataType;

/** {@link BatchNorm} over {@code [N, C, H, W]}; eps 1e-5 and momentum 0.1 by default, as in PyTorch. */
public final class BatchNorm2d extends BatchNorm {
    public BatchNorm2d(int features) {
        this(features, DataType.FLOAT);
    }

    public BatchNorm2d(int features, DataType dataType) {
        this(features, DEFAULT_EPS, DEFAULT_MOMENTUM, dataType);
    }

    public BatchNorm2d(int features, double eps, double momentum, DataType dataType) {
        super(features, eps, momentum, dataType, new int[] {4}, "[N, C, H, W]");
    }
}
