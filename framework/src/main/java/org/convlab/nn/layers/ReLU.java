package org.convlab.nn.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Rectified linear unit: {@code y = max(0, x)}; the derivative at 0 is taken as 0, as in PyTorch. */
public final class ReLU extends ElementWise {
    @Override
    protected INDArray apply(INDArray x) {
        return Transforms.relu(x, true);
    }

    @Override
    protected INDArray derivative(INDArray x, INDArray y) {
        return x.gt(0).castTo(x.dataType());
    }
}
