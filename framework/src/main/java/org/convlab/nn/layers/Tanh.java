package org.convlab.nn.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Hyperbolic tangent: {@code y = tanh(x)}, {@code dy/dx = 1 - y^2}. */
public final class Tanh extends ElementWise {
    @Override
    protected INDArray apply(INDArray x) {
        if (x.dataType() == DataType.FLOAT) {
            // ND4J's FLOAT tanh is off by up to a few per cent for |x| near 1e-6 (measured by
            // PrecisionAgreementTest: it cancels like exp(2x) - 1); evaluated in DOUBLE it is exact to float precision.
            return Transforms.tanh(x.castTo(DataType.DOUBLE), false).castTo(DataType.FLOAT);
        }
        return Transforms.tanh(x, true);
    }

    @Override
    protected INDArray derivative(INDArray x, INDArray y) {
        return y.mul(y).rsubi(1);
    }
}
