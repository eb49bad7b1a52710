package org.convlab.nn.layers;

import java.util.Arrays;
import java.util.List;
import org.convlab.nn.Checks;
import org.convlab.nn.GradMode;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.convlab.nn.Recycler;
import org.convlab.nn.SavedForBackward;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean over every spatial axis, {@code [N, C, ...] -> [N, C]}: {@code y[n, c] = mean(x[n, c, ...])}.
 * Loops over {@code float[]} (FLOAT) or {@code double[]}, summing in double; outputs and input
 * gradients follow the {@link Recycler} aliasing rule.
 */
public final class GlobalAvgPool implements Layer {
    private record Saved(long[] inputShape, INDArray output) {
    }

    private final SavedForBackward<Saved> saved = new SavedForBackward<>(name());
    private final Recycler arrays = new Recycler();
    private Object hostIn;
    private Object hostOut;

    @Override
    public INDArray forward(INDArray input) {
        Checks.requireFloatingPoint(name(), input);
        long[] outShape = outputShape(input.shape());
        int area = HostArrays.product(input.shape(), 2);
        int planes = HostArrays.product(outShape, 0);
        hostIn = HostArrays.readTyped(input, hostIn);
        hostOut = HostArrays.typedBuffer(input.dataType(), planes, hostOut);
        for (int plane = 0; plane < planes; plane++) {
            double sum = 0;
            if (hostIn instanceof float[] x) {
                for (int i = plane * area; i < (plane + 1) * area; i++) {
                    sum += x[i];
                }
                ((float[]) hostOut)[plane] = (float) (sum / area);
            } else {
                double[] x = (double[]) hostIn;
                for (int i = plane * area; i < (plane + 1) * area; i++) {
                    sum += x[i];
                }
                ((double[]) hostOut)[plane] = sum / area;
            }
        }
        INDArray y = HostArrays.writeTyped(hostOut, arrays.output(input.dataType(), outShape));
        if (GradMode.isEnabled()) {
            saved.push(new Saved(input.shape(), y));
        }
        return y;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        Saved s = saved.pop();
        long[] inShape = s.inputShape();
        Checks.requireSameShape(name() + " backward gradOutput", outputShape(inShape), gradOutput.shape());
        int area = HostArrays.product(inShape, 2);
        int planes = Math.toIntExact(gradOutput.length());
        hostOut = HostArrays.readTyped(gradOutput, hostOut);
        hostIn = HostArrays.typedBuffer(gradOutput.dataType(), planes * area, hostIn);
        for (int plane = 0; plane < planes; plane++) {
            if (hostIn instanceof float[] dx) {
                Arrays.fill(dx, plane * area, (plane + 1) * area, (float) ((double) ((float[]) hostOut)[plane] / area));
            } else {
                Arrays.fill((double[]) hostIn, plane * area, (plane + 1) * area, ((double[]) hostOut)[plane] / area);
            }
        }
        arrays.release(s.output());
        return HostArrays.writeTyped(hostIn, arrays.gradient(gradOutput.dataType(), inShape, gradOutput));
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
