package org.convlab.engine;

import java.util.Arrays;

/**
 * The im2col / vol2col lowering of one {@link ConvGeometry}, precomputed once.
 *
 * <p>The lowered matrix of one group of one sample has a row per (input channel, kernel offset)
 * and a column per output position: {@code col[c*K + k][o] = x[c][o*stride + k*dilation - pad]},
 * zero where that falls into the padding. Along the last axis consecutive outputs read input
 * elements {@code stride} apart, so the plan stores, for every (kernel offset, output line), where
 * that line starts in the input, and per last-axis kernel offset the range of outputs that fall
 * inside the input. Gathering is then a run of (strided) array copies, and scattering the
 * adjoint (col2im) is the same walk with {@code +=}.
 */
final class LoweringPlan {
    static final int OUTSIDE = Integer.MIN_VALUE;

    final int kernelVolume;
    final int kernelW;
    final int lines;
    final int outW;
    final int strideW;
    final int inVolume;
    final int[] lineStart;
    final int[] validFrom;
    final int[] validTo;

    LoweringPlan(ConvGeometry g) {
        int[] in = g.in;
        int[] out = g.out;
        kernelVolume = g.kernelVolume();
        kernelW = g.kernel[2];
        outW = out[2];
        strideW = g.stride[2];
        inVolume = g.inVolume();
        lines = out[0] * out[1];
        lineStart = new int[kernelVolume * lines];
        int k = 0;
        for (int kd = 0; kd < g.kernel[0]; kd++) {
            for (int kh = 0; kh < g.kernel[1]; kh++) {
                for (int kw = 0; kw < g.kernel[2]; kw++, k++) {
                    int l = 0;
                    for (int od = 0; od < out[0]; od++) {
                        int id = od * g.stride[0] + kd * g.dilation[0] - g.padBegin[0];
                        for (int oh = 0; oh < out[1]; oh++, l++) {
                            int ih = oh * g.stride[1] + kh * g.dilation[1] - g.padBegin[1];
                            boolean inside = id >= 0 && id < in[0] && ih >= 0 && ih < in[1];
                            lineStart[k * lines + l] = inside
                                    ? (id * in[1] + ih) * in[2] + kw * g.dilation[2] - g.padBegin[2]
                                    : OUTSIDE;
                        }
                    }
                }
            }
        }
        validFrom = new int[kernelW];
        validTo = new int[kernelW];
        for (int kw = 0; kw < kernelW; kw++) {
            int offset = kw * g.dilation[2] - g.padBegin[2];
            int from = 0;
            while (from < outW && from * strideW + offset < 0) {
                from++;
            }
            int to = from;
            while (to < outW && to * strideW + offset < in[2]) {
                to++;
            }
            validFrom[kw] = from;
            validTo[kw] = to;
        }
    }

    /** Columns of one sample's lowered matrix: the output volume. */
    int columns() {
        return lines * outW;
    }

    /**
     * Writes the lowered matrix of {@code channels} input channels starting at {@code xBase} into
     * {@code col}, whose rows are {@code rowStride} apart, at column {@code colOffset}.
     */
    void gather(Object x, int xBase, int channels, Object col, int colOffset, int rowStride) {
        if (x instanceof float[] xf) {
            gather(xf, xBase, channels, (float[]) col, colOffset, rowStride);
        } else {
            gather((double[]) x, xBase, channels, (double[]) col, colOffset, rowStride);
        }
    }

    /** The adjoint of {@link #gather}: adds every lowered element back into its input position. */
    void scatterAdd(Object col, int colOffset, int rowStride, int channels, Object x, int xBase) {
        if (x instanceof float[] xf) {
            scatterAdd((float[]) col, colOffset, rowStride, channels, xf, xBase);
        } else {
            scatterAdd((double[]) col, colOffset, rowStride, channels, (double[]) x, xBase);
        }
    }

    // The float and double twins below differ only in the element type: Java has no generics
    // over primitives, and boxing would cost more than the copy itself.

    private void gather(float[] x, int xBase, int channels, float[] col, int colOffset, int rowStride) {
        for (int c = 0; c < channels; c++) {
            int src0 = xBase + c * inVolume;
            for (int k = 0; k < kernelVolume; k++) {
                int dstRow = (c * kernelVolume + k) * rowStride + colOffset;
                int from = validFrom[k % kernelW];
                int to = validTo[k % kernelW];
                for (int l = 0; l < lines; l++) {
                    int start = lineStart[k * lines + l];
                    int dst = dstRow + l * outW;
                    if (start == OUTSIDE || from >= to) {
                        Arrays.fill(col, dst, dst + outW, 0f);
                        continue;
                    }
                    Arrays.fill(col, dst, dst + from, 0f);
                    int src = src0 + start;
                    if (strideW == 1) {
                        System.arraycopy(x, src + from, col, dst + from, to - from);
                    } else {
                        for (int o = from; o < to; o++) {
                            col[dst + o] = x[src + o * strideW];
                        }
                    }
                    Arrays.fill(col, dst + to, dst + outW, 0f);
                }
            }
        }
    }

    private void gather(double[] x, int xBase, int channels, double[] col, int colOffset, int rowStride) {
        for (int c = 0; c < channels; c++) {
            int src0 = xBase + c * inVolume;
            for (int k = 0; k < kernelVolume; k++) {
                int dstRow = (c * kernelVolume + k) * rowStride + colOffset;
                int from = validFrom[k % kernelW];
                int to = validTo[k % kernelW];
                for (int l = 0; l < lines; l++) {
                    int start = lineStart[k * lines + l];
                    int dst = dstRow + l * outW;
                    if (start == OUTSIDE || from >= to) {
                        Arrays.fill(col, dst, dst + outW, 0d);
                        continue;
                    }
                    Arrays.fill(col, dst, dst + from, 0d);
                    int src = src0 + start;
                    if (strideW == 1) {
                        System.arraycopy(x, src + from, col, dst + from, to - from);
                    } else {
                        for (int o = from; o < to; o++) {
                            col[dst + o] = x[src + o * strideW];
                        }
                    }
                    Arrays.fill(col, dst + to, dst + outW, 0d);
                }
            }
        }
    }

    private void scatterAdd(float[] col, int colOffset, int rowStride, int channels, float[] x, int xBase) {
        for (int c = 0; c < channels; c++) {
            int dst0 = xBase + c * inVolume;
            for (int k = 0; k < kernelVolume; k++) {
                int srcRow = (c * kernelVolume + k) * rowStride + colOffset;
                int from = validFrom[k % kernelW];
                int to = validTo[k % kernelW];
                for (int l = 0; l < lines; l++) {
                    int start = lineStart[k * lines + l];
                    if (start == OUTSIDE) {
                        continue;
                    }
                    int src = srcRow + l * outW;
                    int dst = dst0 + start;
                    for (int o = from; o < to; o++) {
                        x[dst + o * strideW] += col[src + o];
                    }
                }
            }
        }
    }

    private void scatterAdd(double[] col, int colOffset, int rowStride, int channels, double[] x, int xBase) {
        for (int c = 0; c < channels; c++) {
            int dst0 = xBase + c * inVolume;
            for (int k = 0; k < kernelVolume; k++) {
                int srcRow = (c * kernelVolume + k) * rowStride + colOffset;
                int from = validFrom[k % kernelW];
                int to = validTo[k % kernelW];
                for (int l = 0; l < lines; l++) {
                    int start = lineStart[k * lines + l];
                    if (start == OUTSIDE) {
                        continue;
                    }
                    int src = srcRow + l * outW;
                    int dst = dst0 + start;
                    for (int o = from; o < to; o++) {
                        x[dst + o * strideW] += col[src + o];
                    }
                }
            }
        }
    }
}
