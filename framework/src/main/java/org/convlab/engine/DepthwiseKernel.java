package org.convlab.engine;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The direct kernel for convolutions whose groups hold one input channel each (depthwise, with a
 * depth multiplier). Lowering them would hand GEMM thousands of products of one row each; here each
 * output line is a few multiply-adds over a run of input elements, walked with the same
 * {@link LoweringPlan} as im2col. Channels run in parallel: each channel owns its slice of the
 * output, of the input gradient and of the weight gradient, so the results do not depend on the
 * thread count.
 */
final class DepthwiseKernel {
    private DepthwiseKernel() {
    }

    /** Every group holds one input channel (also a convolution of a single input channel). */
    static boolean applies(ConvGeometry g) {
        return g.inChannels == g.groups;
    }

    /**
     * y[n, c*m + j] = sum_k w[c*m + j, k] x[n, c] shifted by tap k; every element of {@code y} is
     * written. Runs in parallel over (sample, channel) pairs, each of which owns its output slices.
     */
    static void forward(ConvGeometry g, int batch, Object x, Object w, Object y) {
        LoweringPlan plan = g.plan();
        int m = g.outChannels / g.inChannels;
        IntStream.range(0, batch * g.inChannels).parallel().forEach(nc -> {
            int n = nc / g.inChannels;
            int c = nc % g.inChannels;
            int xBase = (n * g.inChannels + c) * plan.inVolume;
            for (int j = 0; j < m; j++) {
                int o = c * m + j;
                int yBase = (n * g.outChannels + o) * g.outVolume();
                if (x instanceof float[] xf) {
                    Arrays.fill((float[]) y, yBase, yBase + g.outVolume(), 0f);
                    forward(plan, xf, xBase, (float[]) w, o * plan.kernelVolume, (float[]) y, yBase);
                } else {
                    Arrays.fill((double[]) y, yBase, yBase + g.outVolume(), 0d);
                    forward(plan, (double[]) x, xBase, (double[]) w, o * plan.kernelVolume, (double[]) y, yBase);
                }
            }
        });
    }

    /**
     * Writes the input gradient into {@code dx} when it is not null (every element) and adds the
     * weight gradient into {@code dw} when it is not null. The input gradient runs in parallel over
     * (sample, channel) pairs, each owning its slice of {@code dx}; the weight gradient in parallel
     * over output channels, each owning its kernel in {@code dw} and summing the samples in order.
     * So the sums do not depend on the thread count, and a single input channel (a first layer with
     * many outputs) still keeps every core busy.
     */
    static void backward(ConvGeometry g, int batch, Object x, Object w, Object dy, Object dx, Object dw) {
        LoweringPlan plan = g.plan();
        int m = g.outChannels / g.inChannels;
        if (dx != null) {
            IntStream.range(0, batch * g.inChannels).parallel().forEach(nc -> {
                int n = nc / g.inChannels;
                int c = nc % g.inChannels;
                int xBase = nc * plan.inVolume;
                for (int j = 0; j < m; j++) {
                    int o = c * m + j;
                    int yBase = (n * g.outChannels + o) * g.outVolume();
                    if (dx instanceof float[] dxf) {
                        if (j == 0) {
                            Arrays.fill(dxf, xBase, xBase + plan.inVolume, 0f);
                        }
                        inputGradient(plan, (float[]) dy, yBase, (float[]) w, o * plan.kernelVolume, dxf, xBase);
                    } else {
                        if (j == 0) {
                            Arrays.fill((double[]) dx, xBase, xBase + plan.inVolume, 0d);
                        }
                        inputGradient(plan, (double[]) dy, yBase, (double[]) w, o * plan.kernelVolume, (double[]) dx,
                                xBase);
                    }
                }
            });
        }
        if (dw != null) {
            IntStream.range(0, g.outChannels).parallel().forEach(o -> {
                int c = o / m;
                for (int n = 0; n < batch; n++) {
                    int xBase = (n * g.inChannels + c) * plan.inVolume;
                    int yBase = (n * g.outChannels + o) * g.outVolume();
                    if (dy instanceof float[] dyf) {
                        weightGradient(plan, dyf, yBase, (float[]) x, xBase, (float[]) dw, o * plan.kernelVolume);
                    } else {
                        weightGradient(plan, (double[]) dy, yBase, (double[]) x, xBase, (double[]) dw,
                                o * plan.kernelVolume);
                    }
                }
            });
        }
    }

    // The float and double twins below differ only in the element type (no generics over primitives).

    private static void forward(LoweringPlan p, float[] x, int xBase, float[] w, int wBase, float[] y, int yBase) {
        for (int k = 0; k < p.kernelVolume; k++) {
            float wk = w[wBase + k];
            int from = p.validFrom[k % p.kernelW];
            int to = p.validTo[k % p.kernelW];
            for (int l = 0; l < p.lines; l++) {
                int start = p.lineStart[k * p.lines + l];
                if (start == LoweringPlan.OUTSIDE) {
                    continue;
                }
                int src = xBase + start;
                int dst = yBase + l * p.outW;
                if (p.strideW == 1) {
                    // A unit-stride run: the JIT turns this loop into vector multiply-adds.
                    for (int o = from; o < to; o++) {
                        y[dst + o] += wk * x[src + o];
                    }
                } else {
                    for (int o = from; o < to; o++) {
                        y[dst + o] += wk * x[src + o * p.strideW];
                    }
                }
            }
        }
    }

    private static void forward(LoweringPlan p, double[] x, int xBase, double[] w, int wBase, double[] y, int yBase) {
        for (int k = 0; k < p.kernelVolume; k++) {
            double wk = w[wBase + k];
            int from = p.validFrom[k % p.kernelW];
            int to = p.validTo[k % p.kernelW];
            for (int l = 0; l < p.lines; l++) {
                int start = p.lineStart[k * p.lines + l];
                if (start == LoweringPlan.OUTSIDE) {
                    continue;
                }
                int src = xBase + start;
                int dst = yBase + l * p.outW;
                if (p.strideW == 1) {
                    // A unit-stride run: the JIT turns this loop into vector multiply-adds.
                    for (int o = from; o < to; o++) {
                        y[dst + o] += wk * x[src + o];
                    }
                } else {
                    for (int o = from; o < to; o++) {
                        y[dst + o] += wk * x[src + o * p.strideW];
                    }
                }
            }
        }
    }

    private static void inputGradient(LoweringPlan p, float[] dy, int yBase, float[] w, int wBase, float[] dx,
            int xBase) {
        for (int k = 0; k < p.kernelVolume; k++) {
            float wk = w[wBase + k];
            int from = p.validFrom[k % p.kernelW];
            int to = p.validTo[k % p.kernelW];
            for (int l = 0; l < p.lines; l++) {
                int start = p.lineStart[k * p.lines + l];
                if (start == LoweringPlan.OUTSIDE) {
                    continue;
                }
                int dst = xBase + start;
                int src = yBase + l * p.outW;
                if (p.strideW == 1) {
                    for (int o = from; o < to; o++) {
                        dx[dst + o] += wk * dy[src + o];
                    }
                } else {
                    for (int o = from; o < to; o++) {
                        dx[dst + o * p.strideW] += wk * dy[src + o];
                    }
                }
            }
        }
    }

    private static void inputGradient(LoweringPlan p, double[] dy, int yBase, double[] w, int wBase, double[] dx,
            int xBase) {
        for (int k = 0; k < p.kernelVolume; k++) {
            double wk = w[wBase + k];
            int from = p.validFrom[k % p.kernelW];
            int to = p.validTo[k % p.kernelW];
            for (int l = 0; l < p.lines; l++) {
                int start = p.lineStart[k * p.lines + l];
                if (start == LoweringPlan.OUTSIDE) {
                    continue;
                }
                int dst = xBase + start;
                int src = yBase + l * p.outW;
                if (p.strideW == 1) {
                    for (int o = from; o < to; o++) {
                        dx[dst + o] += wk * dy[src + o];
                    }
                } else {
                    for (int o = from; o < to; o++) {
                        dx[dst + o * p.strideW] += wk * dy[src + o];
                    }
                }
            }
        }
    }

    private static void weightGradient(LoweringPlan p, float[] dy, int yBase, float[] x, int xBase, float[] dw,
            int wBase) {
        for (int k = 0; k < p.kernelVolume; k++) {
            int from = p.validFrom[k % p.kernelW];
            int to = p.validTo[k % p.kernelW];
            float acc = 0;
            for (int l = 0; l < p.lines; l++) {
                int start = p.lineStart[k * p.lines + l];
                if (start == LoweringPlan.OUTSIDE) {
                    continue;
                }
                int src = xBase + start;
                int d = yBase + l * p.outW;
                if (p.strideW == 1) {
                    // Four independent partial sums: the adds of one chain wait for each other, four overlap.
                    float a0 = 0;
                    float a1 = 0;
                    float a2 = 0;
                    float a3 = 0;
                    int o = from;
                    for (; o + 3 < to; o += 4) {
                        a0 += dy[d + o] * x[src + o];
                        a1 += dy[d + o + 1] * x[src + o + 1];
                        a2 += dy[d + o + 2] * x[src + o + 2];
                        a3 += dy[d + o + 3] * x[src + o + 3];
                    }
                    for (; o < to; o++) {
                        a0 += dy[d + o] * x[src + o];
                    }
                    acc += (a0 + a1) + (a2 + a3);
                } else {
                    for (int o = from; o < to; o++) {
                        acc += dy[d + o] * x[src + o * p.strideW];
                    }
                }
            }
            dw[wBase + k] += acc;
        }
    }

    private static void weightGradient(LoweringPlan p, double[] dy, int yBase, double[] x, int xBase, double[] dw,
            int wBase) {
        for (int k = 0; k < p.kernelVolume; k++) {
            int from = p.validFrom[k % p.kernelW];
            int to = p.validTo[k % p.kernelW];
            double acc = 0;
            for (int l = 0; l < p.lines; l++) {
                int start = p.lineStart[k * p.lines + l];
                if (start == LoweringPlan.OUTSIDE) {
                    continue;
                }
                int src = xBase + start;
                int d = yBase + l * p.outW;
                for (int o = from; o < to; o++) {
                    acc += dy[d + o] * x[src + o * p.strideW];
                }
            }
            dw[wBase + k] += acc;
        }
    }
}
