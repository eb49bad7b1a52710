package org.convlab.reference;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Slow, obviously-correct convolutions written straight from their definitions, with a count of
 * the multiplications they actually perform. They are the oracle the fast layers are tested
 * against and the source of the counted figures in the report. Any rank from 1 to 3, in double.
 * Every method walks the same enumeration of multiplications ({@link Taps}).
 */
public final class ReferenceConv {
    private ReferenceConv() {
    }

    /** An output and the number of multiplications it took. */
    public record Counted(INDArray output, long multiplications) {
    }

    /**
     * The cross-correlation {@code y[n,o,p] = b[o] + sum_{c in group(o)} sum_t w[o,c,t] x[n,c,p*s + t*d - pad]}.
     *
     * @param x [N, C, spatial...]
     * @param w [O, C/groups, k...]
     * @param b [O] or null
     */
    public static Counted crossCorrelation(INDArray x, INDArray w, INDArray b, int[] stride, int[] padBefore,
            int[] padAfter, int[] dilation, int groups) {
        return correlate(x, null, w, b, stride, padBefore, padAfter, dilation, groups);
    }

    /** The signal-processing convolution {@code (f * g)(p) = sum_t f(p - t) g(t)}: the cross-correlation with g reversed. */
    public static Counted trueConvolution(INDArray x, INDArray g, INDArray b, int[] stride, int[] padBefore,
            int[] padAfter, int[] dilation, int groups) {
        return crossCorrelation(x, flipSpatial(g), b, stride, padBefore, padAfter, dilation, groups);
    }

    /**
     * The transposed convolution as the canon draws it: insert {@code s-1} zeros between input
     * elements, pad by {@code d(k-1)-p} on each side (plus the output padding at the end), and
     * cross-correlate with stride 1 and the kernel flipped, its channel axes swapped. The inserted
     * and padded zeros are structural: multiplying by them is not counted.
     *
     * @param w [in, out/groups, k...] (the PyTorch layout of transposed convolutions)
     */
    public static Counted transposed(INDArray x, INDArray w, INDArray b, int[] stride, int[] padding,
            int[] outputPadding, int[] dilation, int groups) {
        int rank = x.rank() - 2;
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int[] in = NdIndex.spatial(x.shape());
        int[] k = NdIndex.spatial(w.shape());
        // The same geometry the drawings of the transposed convolution show.
        TapGeometry geometry = TapGeometry.transposed(in, k, stride, padding, outputPadding, dilation);
        int[] up = geometry.grid();
        int[] before = geometry.padBefore();
        int[] after = geometry.padAfter();
        double[] xv = values(x);
        double[] upsampled = new double[n * c * NdIndex.volume(up)];
        boolean[] real = new boolean[upsampled.length];
        int[] q = new int[rank];
        int[] u = new int[rank];
        for (int s = 0; s < n * c; s++) {
            NdIndex.zero(q);
            do {
                for (int a = 0; a < rank; a++) {
                    u[a] = q[a] * stride[a];
                }
                int dst = s * NdIndex.volume(up) + NdIndex.flat(u, up);
                upsampled[dst] = xv[s * NdIndex.volume(in) + NdIndex.flat(q, in)];
                real[dst] = true;
            } while (NdIndex.next(q, in));
        }
        INDArray xu = Nd4j.create(upsampled, NdIndex.shape(n, c, up), 'c');
        int[] one = new int[rank];
        java.util.Arrays.fill(one, 1);
        return correlate(xu, real, swapChannelsPerGroup(flipSpatial(w), groups), b, one, before, after, dilation,
                groups);
    }

    /** The gradient of {@link #crossCorrelation} with respect to its input: every tap sends {@code w dY} back. */
    public static INDArray inputGradient(long[] inputShape, INDArray w, INDArray dy, int[] stride, int[] padBefore,
            int[] padAfter, int[] dilation, int groups) {
        Taps taps = taps(inputShape, w, stride, padBefore, padAfter, dilation, groups);
        double[] wv = values(w);
        double[] dyv = values(dy);
        double[] dx = new double[(int) NdIndex.volume(inputShape)];
        taps.visit((xi, wi, yi) -> dx[xi] += wv[wi] * dyv[yi]);
        return Nd4j.create(dx, inputShape, 'c');
    }

    /** The gradient of {@link #crossCorrelation} with respect to its weight: {@code dW[o,c,t] = sum dY x}. */
    public static INDArray weightGradient(INDArray x, long[] weightShape, INDArray dy, int[] stride, int[] padBefore,
            int[] padAfter, int[] dilation, int groups) {
        INDArray wShapeOnly = Nd4j.zeros(DataType.DOUBLE, weightShape);
        Taps taps = taps(x.shape(), wShapeOnly, stride, padBefore, padAfter, dilation, groups);
        double[] xv = values(x);
        double[] dyv = values(dy);
        double[] dw = new double[(int) NdIndex.volume(weightShape)];
        taps.visit((xi, wi, yi) -> dw[wi] += dyv[yi] * xv[xi]);
        return Nd4j.create(dw, weightShape, 'c');
    }

    /**
     * The convolution as a matrix: {@code vec(conv(x)) = C vec(x)} for one sample of shape
     * [C, spatial...], without the bias. Row {@code (o, p)}, column {@code (c, q)} holds the weight
     * that multiplies {@code x[c, q]} in {@code y[o, p]}; all other entries are zero (C is sparse).
     */
    public static INDArray matrix(long[] sampleShape, INDArray w, int[] stride, int[] padBefore, int[] padAfter,
            int[] dilation, int groups) {
        long[] inputShape = new long[sampleShape.length + 1];
        inputShape[0] = 1;
        System.arraycopy(sampleShape, 0, inputShape, 1, sampleShape.length);
        Taps taps = taps(inputShape, w, stride, padBefore, padAfter, dilation, groups);
        int cols = (int) NdIndex.volume(inputShape);
        int rows = (int) NdIndex.volume(taps.outputShape());
        double[] wv = values(w);
        double[] m = new double[rows * cols];
        taps.visit((xi, wi, yi) -> m[yi * cols + xi] += wv[wi]);
        return Nd4j.create(m, new long[] {rows, cols}, 'c');
    }

    private static Counted correlate(INDArray x, boolean[] real, INDArray w, INDArray b, int[] stride,
            int[] padBefore, int[] padAfter, int[] dilation, int groups) {
        Taps taps = taps(x.shape(), w, stride, padBefore, padAfter, dilation, groups);
        double[] xv = values(x);
        double[] wv = values(w);
        long[] outShape = taps.outputShape();
        double[] y = new double[(int) NdIndex.volume(outShape)];
        if (b != null) {
            double[] bv = values(b);
            int outVol = NdIndex.volume(taps.out);
            for (int i = 0; i < y.length; i++) {
                y[i] = bv[(i / outVol) % taps.outChannels];
            }
        }
        long[] count = {0};
        taps.visit((xi, wi, yi) -> {
            if (real == null || real[xi]) {
                y[yi] += wv[wi] * xv[xi];
                count[0]++;
            }
        });
        return new Counted(Nd4j.create(y, outShape, 'c'), count[0]);
    }

    private static Taps taps(long[] inputShape, INDArray w, int[] stride, int[] padBefore, int[] padAfter,
            int[] dilation, int groups) {
        return new Taps((int) inputShape[0], (int) inputShape[1], (int) w.size(0), groups,
                NdIndex.spatial(inputShape), NdIndex.spatial(w.shape()), stride, padBefore, padAfter, dilation);
    }

    /** w reversed on every spatial axis (axes 2 and up). */
    static INDArray flipSpatial(INDArray w) {
        long[] shape = w.shape();
        double[] src = values(w);
        double[] dst = new double[src.length];
        int[] dims = new int[shape.length];
        for (int a = 0; a < shape.length; a++) {
            dims[a] = (int) shape[a];
        }
        int[] idx = new int[shape.length];
        int[] flipped = new int[shape.length];
        int f = 0;
        do {
            for (int a = 0; a < shape.length; a++) {
                flipped[a] = a >= 2 ? dims[a] - 1 - idx[a] : idx[a];
            }
            dst[NdIndex.flat(flipped, dims)] = src[f++];
        } while (NdIndex.next(idx, dims));
        return Nd4j.create(dst, shape, 'c');
    }

    /** [in, out/g, k...] -> [out, in/g, k...]: group {@code g}'s block transposed. */
    private static INDArray swapChannelsPerGroup(INDArray w, int groups) {
        int in = (int) w.size(0);
        int outPerGroup = (int) w.size(1);
        int inPerGroup = in / groups;
        int kVol = (int) (w.length() / (in * outPerGroup));
        double[] src = values(w);
        double[] dst = new double[src.length];
        for (int i = 0; i < in; i++) {
            int group = i / inPerGroup;
            for (int j = 0; j < outPerGroup; j++) {
                int o = group * outPerGroup + j;
                int c = i % inPerGroup;
                System.arraycopy(src, (i * outPerGroup + j) * kVol, dst, (o * inPerGroup + c) * kVol, kVol);
            }
        }
        long[] shape = w.shape().clone();
        shape[0] = (long) outPerGroup * groups;
        shape[1] = inPerGroup;
        return Nd4j.create(dst, shape, 'c');
    }

    static double[] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
