package org.convlab.nn.layers;

import java.util.List;
import org.convlab.nn.Checks;
import org.convlab.nn.GradMode;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.convlab.nn.Recycler;
import org.convlab.nn.SavedForBackward;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A parameterless activation {@code y = f(x)} applied to every element, in the input's data type;
 * backward is {@code dx = dy * f'(x)}, with {@code f'} allowed to read the saved output {@code y}.
 * Both are a few whole-array ND4J operations, written into arrays reused from step to step (the
 * {@link Recycler} aliasing rule applies to the output and the input gradient). The input is never
 * written: it may be a view of the caller's data or still be read by another layer.
 */
public abstract class ElementWise implements Layer {
    private record Saved(INDArray input, INDArray output) {
    }

    private final SavedForBackward<Saved> saved = new SavedForBackward<>(name());
    private final Recycler arrays = new Recycler();

    /** {@code f(x)} as a new array. */
    protected abstract INDArray apply(INDArray x);

    /** {@code f'(x)} as a new array, given also {@code y = f(x)} (sigmoid and tanh are cheapest from y). */
    protected abstract INDArray derivative(INDArray x, INDArray y);

    /** Writes {@code f(x)} into {@code out} (same shape); override with a one-pass kernel where there is one. */
    protected void applyInto(INDArray x, INDArray out) {
        out.assign(apply(x));
    }

    /** Writes {@code dy * f'(x)} into {@code out} (same shape); override with a one-pass kernel where there is one. */
    protected void gradientInto(INDArray x, INDArray y, INDArray dy, INDArray out) {
        out.assign(derivative(x, y)).muli(dy);
    }

    @Override
    public INDArray forward(INDArray input) {
        Checks.requireFloatingPoint(name(), input);
        outputShape(input.shape());
        INDArray y = arrays.output(input.dataType(), input.shape());
        applyInto(input, y);
        saved.push(new Saved(input, y));
        return y;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        Saved s = saved.pop();
        Checks.requireSameShape(name() + " backward gradOutput", s.input().shape(), gradOutput.shape());
        INDArray dx = arrays.gradient(gradOutput.dataType(), gradOutput.shape(), gradOutput);
        gradientInto(s.input(), s.output(), gradOutput, dx);
        arrays.release(s.output());
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    /** Any shape with at least the batch axis; the output has the input's shape. */
    @Override
    public long[] outputShape(long... inputShape) {
        if (inputShape.length == 0) {
            throw new IllegalArgumentException(name() + ": expected an input of shape [N, ...] (rank >= 1), got a scalar shape []");
        }
        return inputShape.clone();
    }
}
