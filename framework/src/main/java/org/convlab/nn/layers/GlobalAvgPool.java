package org.convlab.nn.layers;

import org.convlab.nn.SavedForBackward;
import java.util.Arrays;
import java.util.List;
import org.convlab.nn.Checks;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Mean over every spatial axis, {@code [N, C, ...] -> [N, C]}: {@code y[n, c] = mean(x[n, c, ...])}. */
public final class GlobalAvgPool implements Layer {
    private final SavedForBackward<long[]> savedShapes = new SavedForBackward<>(name());

    @Override
    public INDArray forward(INDArray input) {
        Checks.requireFloatingPoint(name(), input);
        long[] outShape = outputShape(input.shape());
        int area = HostArrays.product(input.shape(), 2);
        double[] x = HostArrays.read(input);
        double[] y = new double[x.length / area];
        for (int plane = 0; plane < y.length; plane++) {
            double sum = 0;
            for (int i = plane * area; i < (plane + 1) * area; i++) {
                sum += x[i];
            }
            y[plane] = sum / area;
        }
        savedShapes.push(input.shape());
        return HostArrays.write(y, input.dataType(), outShape);
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        long[] inShape = savedShapes.pop();
        Checks.requireSameShape(name() + " backward gradOutput", outputShape(inShape), gradOutput.shape());
        int area = HostArrays.product(inShape, 2);
        double[] dy = HostArrays.read(gradOutput);
        double[] dx = new double[dy.length * area];
        for (int plane = 0; plane < dy.length; plane++) {
            Arrays.fill(dx, plane * area, (plane + 1) * area, dy[plane] / area);
        }
        return HostArrays.write(dx, gradOutput.dataType(), inShape);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public long[] outputShape(long... inputShape) {
        if (inputShape.length < 3) {
            throw new IllegalArgumentException(name() + ": expected an input [N, C, spatial...] of rank >= 3, got shape "
                    + Arrays.toString(inputShape) + " (rank " + inputShape.length + ")");
        }
        return new long[] {inputShape[0], inputShape[1]};
    }
}
