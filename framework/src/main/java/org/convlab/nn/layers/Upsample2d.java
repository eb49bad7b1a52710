package org.convlab.nn.layers;

import org.convlab.nn.SavedForBackward;
import java.util.List;
import org.convlab.nn.Checks;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Upsamples {@code [N, C, H, W]} to {@code [N, C, H * scale, W * scale]} by nearest-neighbour or
 * bilinear interpolation (PyTorch's {@code align_corners=false}). The output is linear in the input,
 * {@code y = A x}; backward applies the exact adjoint {@code dx = A^T dy}.
 */
public final class Upsample2d implements Layer {
    /** Interpolation rule. */
    public enum Mode { NEAREST, BILINEAR }

    private record Saved(long[] inputShape, long[] outputShape, AxisInterpolation rows, AxisInterpolation cols) {
    }

    private final int scale;
    private final Mode mode;
    private final SavedForBackward<Saved> saved = new SavedForBackward<>(name());

    public Upsample2d(int scale, Mode mode) {
        this.scale = Checks.positive("Upsample2d", "scale", scale);
        if (mode == null) {
            throw new IllegalArgumentException("Upsample2d: mode must be NEAREST or BILINEAR, got null");
        }
        this.mode = mode;
    }

    @Override
    public INDArray forward(INDArray input) {
        Checks.requireFloatingPoint(name(), input);
        long[] inShape = input.shape();
        long[] outShape = outputShape(inShape);
        int h = (int) inShape[2];
        int w = (int) inShape[3];
        Saved s = mode == Mode.NEAREST
                ? new Saved(inShape, outShape, AxisInterpolation.nearest(h, scale), AxisInterpolation.nearest(w, scale))
                : new Saved(inShape, outShape, AxisInterpolation.linear(h, scale), AxisInterpolation.linear(w, scale));
        double[] y = new double[HostArrays.product(outShape, 0)];
        interpolate(s, HostArrays.read(input), y, false);
        saved.push(s);
        return HostArrays.write(y, input.dataType(), outShape);
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        Saved s = saved.pop();
        Checks.requireSameShape(name() + " backward gradOutput", s.outputShape(), gradOutput.shape());
        double[] dx = new double[HostArrays.product(s.inputShape(), 0)];
        interpolate(s, HostArrays.read(gradOutput), dx, true);
        return HostArrays.write(dx, gradOutput.dataType(), s.inputShape());
    }

    /**
     * One loop for both directions, so the adjoint cannot drift from the forward map: every term
     * {@code y[o] += w * x[i]} becomes {@code x[i] += w * y[o]} when {@code adjoint}.
     */
    private static void interpolate(Saved s, double[] src, double[] dst, boolean adjoint) {
        AxisInterpolation rows = s.rows();
        AxisInterpolation cols = s.cols();
        int inH = (int) s.inputShape()[2];
        int inW = (int) s.inputShape()[3];
        int outH = rows.size();
        int outW = cols.size();
        int planes = HostArrays.product(s.inputShape(), 0) / (inH * inW);
        for (int plane = 0; plane < planes; plane++) {
            int inBase = plane * inH * inW;
            int outBase = plane * outH * outW;
            for (int oh = 0; oh < outH; oh++) {
                int[] ih = {rows.lo()[oh], rows.hi()[oh]};
                double[] wh = {rows.wLo()[oh], rows.wHi()[oh]};
                for (int ow = 0; ow < outW; ow++) {
                    int[] iw = {cols.lo()[ow], cols.hi()[ow]};
                    double[] ww = {cols.wLo()[ow], cols.wHi()[ow]};
                    int o = outBase + oh * outW + ow;
                    for (int a = 0; a < 2; a++) {
                        for (int b = 0; b < 2; b++) {
                            int i = inBase + ih[a] * inW + iw[b];
                            double weight = wh[a] * ww[b];
                            if (adjoint) {
                                dst[i] += weight * src[o];
                            } else {
                                dst[o] += weight * src[i];
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public long[] outputShape(long... inputShape) {
        Checks.requireRank(name(), inputShape, 4, "[N, C, H, W]");
        return new long[] {inputShape[0], inputShape[1], inputShape[2] * scale, inputShape[3] * scale};
    }

    public int scale() {
        return scale;
    }

    public Mode mode() {
        return mode;
    }
}
