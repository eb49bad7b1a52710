package org.convlab.nn.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Rectified linear unit: {@code y = max(0, x)}; the derivative at 0 is taken as 0, as in PyTorch.
 * The mask of backward is read off the saved output ({@code y > 0} exactly where {@code x > 0}),
 * so no mask array is kept; forward is one native pass, backward two, with no allocation.
 */
public final class ReLU extends ElementWise {
    @Override
    protected INDArray apply(INDArray x) {
        return Transforms.relu(x, true);
    }

    @Override
    protected INDArray derivative(INDArray x, INDArray y) {
        return x.gt(0).castTo(x.dataType());
    }

    @Override
    protected void applyInto(INDArray x, INDArray out) {
        Nd4j.exec(new RectifiedLinear(x, out, 0.0));
    }

    @Override
    protected void gradientInto(INDArray x, INDArray y, INDArray dy, INDArray out) {
        Nd4j.exec(new Step(y, out, 0.0)); // 1 where y > 0, else 0
        out.muli(dy);
    }
}
