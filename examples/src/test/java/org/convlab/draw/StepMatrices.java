package org.convlab.draw;

import java.util.ArrayList;
import java.util.List;
import org.convlab.reference.ReferenceConv;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference's explicit matrix of every step of a layer, built in the test from the settings
 * alone (not from the drawing's plan), with weights 1, 2, 3, ... so that a non-zero entry names the
 * flat index (+1) of the weight that multiplies: entry [row (o, p)][col (c, x)].
 */
final class StepMatrices {
    /** One step: its matrix and the shapes to read it (the transposed step's matrix is already C^T). */
    record Step(double[][] matrix, int inChannels, int[] in, int outChannels, int[] out, int[] weightShape,
            int insertedStride) {
    }

    private StepMatrices() {
    }

    static List<Step> of(DrawSettings s) {
        int[] in = s.input();
        int[] k = s.kernel();
        int[] st = s.stride();
        int[] p = s.padding();
        int[] d = s.dilation();
        int rank = in.length;
        int c = s.channels();
        int o = s.outChannels();
        List<Step> steps = new ArrayList<>();
        switch (s.type()) {
            case CONV, DILATED, GROUPED, CONV3D -> steps.add(conv(c, in, o, k, st, p, d, s.groups()));
            case TRUE_CONV -> steps.add(trueConv(c, in, o, k, st, p, d, s.groups()));
            case TRANSPOSED -> steps.add(transposed(s));
            case DEPTHWISE -> steps.add(conv(c, in, c * s.depthMultiplier(), k, st, p, d, c));
            case POINTWISE -> steps.add(conv(c, in, o, ones(rank), ones(rank), new int[rank], ones(rank), 1));
            case DEPTHWISE_SEPARABLE -> {
                Step dw = conv(c, in, c * s.depthMultiplier(), k, st, p, d, c);
                steps.add(dw);
                steps.add(conv(dw.outChannels(), dw.out(), o, ones(rank), ones(rank), new int[rank], ones(rank), 1));
            }
            case SPATIALLY_SEPARABLE -> {
                Step v = conv(c, in, o, new int[] {k[0], 1}, new int[] {st[0], 1}, new int[] {p[0], 0},
                        new int[] {1, 1}, 1);
                steps.add(v);
                steps.add(conv(o, v.out(), o, new int[] {1, k[1]}, new int[] {1, st[1]}, new int[] {0, p[1]},
                        new int[] {1, 1}, o));
            }
            default -> throw new IllegalStateException();
        }
        return steps;
    }

    private static int[] ones(int rank) {
        int[] one = new int[rank];
        java.util.Arrays.fill(one, 1);
        return one;
    }

    static INDArray numbered(int[] shape) {
        long[] l = new long[shape.length];
        int n = 1;
        for (int a = 0; a < shape.length; a++) {
            l[a] = shape[a];
            n *= shape[a];
        }
        return Nd4j.arange(1, n + 1).castTo(DataType.DOUBLE).reshape('c', l);
    }

    private static Step conv(int c, int[] in, int o, int[] k, int[] st, int[] p, int[] d, int groups) {
        int[] wShape = concat(o, c / groups, k);
        INDArray m = ReferenceConv.matrix(sampleShape(c, in), numbered(wShape), st, p, p, d, groups);
        return new Step(m.toDoubleMatrix(), c, in, o, outSize(in, k, st, p, d), wShape, 1);
    }

    // The true convolution multiplies x by the reversed kernel: C of the correlation with flip(w),
    // read back as indices of w itself.
    private static Step trueConv(int c, int[] in, int o, int[] k, int[] st, int[] p, int[] d, int groups) {
        Step corr = conv(c, in, o, k, st, p, d, groups);
        double[][] m = corr.matrix();
        int[] wShape = corr.weightShape();
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                if (row[j] != 0) {
                    int[] idx = unflat((int) row[j] - 1, wShape);
                    for (int a = 2; a < idx.length; a++) {
                        idx[a] = wShape[a] - 1 - idx[a];
                    }
                    row[j] = flat(idx, wShape) + 1;
                }
            }
        }
        return corr;
    }

    /** C^T of the convolution whose adjoint the layer is: that convolution maps the layer's output to its input. */
    private static Step transposed(DrawSettings s) {
        int[] in = s.input();
        int[] k = s.kernel();
        int rank = in.length;
        int[] out = new int[rank];
        for (int a = 0; a < rank; a++) {
            out[a] = (in[a] - 1) * s.stride()[a] - 2 * s.padding()[a] + s.dilation()[a] * (k[a] - 1)
                    + s.outputPadding()[a] + 1;
        }
        // The layer's weight [in, out/g, k...] is the forward convolution's [O = in, C/g = out/g, k...].
        int[] wShape = concat(s.channels(), s.outChannels() / s.groups(), k);
        INDArray c = ReferenceConv.matrix(sampleShape(s.outChannels(), out), numbered(wShape), s.stride(),
                s.padding(), s.padding(), s.dilation(), s.groups());
        return new Step(c.transpose().toDoubleMatrix(), s.channels(), in, s.outChannels(), out, wShape,
                s.stride()[0]);
    }

    static int[] outSize(int[] in, int[] k, int[] st, int[] p, int[] d) {
        int[] out = new int[in.length];
        for (int a = 0; a < in.length; a++) {
            out[a] = Math.floorDiv(in[a] + 2 * p[a] - d[a] * (k[a] - 1) - 1, st[a]) + 1;
        }
        return out;
    }

    private static long[] sampleShape(int c, int[] in) {
        long[] s = new long[in.length + 1];
        s[0] = c;
        for (int a = 0; a < in.length; a++) {
            s[a + 1] = in[a];
        }
        return s;
    }

    private static int[] concat(int a, int b, int[] k) {
        int[] s = new int[k.length + 2];
        s[0] = a;
        s[1] = b;
        System.arraycopy(k, 0, s, 2, k.length);
        return s;
    }

    static int flat(int[] idx, int[] size) {
        int f = 0;
        for (int a = 0; a < idx.length; a++) {
            f = f * size[a] + idx[a];
        }
        return f;
    }

    static int[] unflat(int f, int[] size) {
        int[] idx = new int[size.length];
        for (int a = size.length - 1; a >= 0; a--) {
            idx[a] = f % size[a];
            f /= size[a];
        }
        return idx;
    }
}
