package org.convlab.nn.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Logistic sigmoid: {@code y = 1 / (1 + e^-x)}, {@code dy/dx = y (1 - y)}. */
public final class Sigmoid extends ElementWise {
    @Override
    protected INDArray apply(INDArray x) {
        return Transforms.sigmoid(x, true);
    }

    @Override
    protected INDArray derivative(INDArray x, INDArray y) {
        return y.rsub(1).muli(y);
    }
}
