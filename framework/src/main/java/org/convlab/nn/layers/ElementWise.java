package org.convlab.nn.layers;

import org.convlab.nn.SavedForBackward;
import java.util.List;
import org.convlab.nn.Checks;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A parameterless activation {@code y = f(x)} applied to every element, in the input's data type;
 * backward is {@code dx = dy * f'(x)}, with {@code f'} allowed to read the saved output {@code y}.
 * Both are a few whole-array ND4J operations.
 */
public abstract class ElementWise implements Layer {
    private record Saved(INDArray input, INDArray output) {
    }

    private final SavedForBackward<Saved> saved = new SavedForBackward<>(name());

    /** {@code f(x)} as a new array. */
    protected abstract INDArray apply(INDArray x);

    /** {@code f'(x)} as a new array, given also {@code y = f(x)} (sigmoid and tanh are cheapest from y). */
    protected abstract INDArray derivative(INDArray x, INDArray y);

    @Override
    public INDArray forward(INDArray input) {
        Checks.requireFloatingPoint(name(), input);
        outputShape(input.shape());
        INDArray y = apply(input);
        saved.push(new Saved(input, y));
        return y;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        Saved s = saved.pop();
        Checks.requireSameShape(name() + " backward gradOutput", s.input().shape(), gradOutput.shape());
        return derivative(s.input(), s.output()).muli(gradOutput);
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
