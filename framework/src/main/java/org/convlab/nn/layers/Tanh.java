package org.convlab.nn.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Hyperbolic tangent: {@code y = tanh(x)}, {@code dy/dx = 1 - y^2}. */
public final class Tanh extends ElementWise {
    @Override
    protected INDArray apply(INDArray x) {
        return Transforms.tanh(x, true);
    }

    @Override
    protected INDArray derivative(INDArray x, INDArray y) {
        return y.mul(y).rsubi(1);
    }
}
