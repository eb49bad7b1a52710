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
 */
public abstract class ElementWise implements Layer {
    private record Saved(long[] shape, double[] input, double[] output) {
    }

    private final SavedForBackward<Saved> saved = new SavedForBackward<>(name());

    /** {@code f(x)}. */
    protected abstract double apply(double x);

    /** {@code f'(x)}, given also {@code y = f(x)} (sigmoid and tanh are cheapest from y). */
    protected abstract double derivative(double x, double y);

    @Override
    public INDArray forward(INDArray input) {
        Checks.requireFloatingPoint(name(), input);
        outputShape(input.shape());
        double[] x = HostArrays.read(input);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = apply(x[i]);
        }
        saved.push(new Saved(input.shape(), x, y));
        return HostArrays.write(y, input.dataType(), input.shape());
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        Saved s = saved.pop();
        Checks.requireSameShape(name() + " backward gradOutput", s.shape(), gradOutput.shape());
        double[] g = HostArrays.read(gradOutput);
        double[] dx = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            dx[i] = g[i] * derivative(s.input()[i], s.output()[i]);
        }
        return HostArrays.write(dx, gradOutput.dataType(), s.shape());
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
