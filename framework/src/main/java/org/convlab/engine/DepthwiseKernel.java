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
     * weight gradient into {@code dw} when it is not null. Runs in parallel over channels, each of
     * which owns its slices of {@code dx} and {@code dw}, so the sums do not depend on the thread count.
     */
    static void backward(ConvGeometry g, int batch, Object x, Object w, Object dy, Object dx, Object dw) {
        LoweringPlan plan = g.plan();
        int m = g.outChannels / g.inChannels;
        IntStream.range(0, g.inChannels).parallel().forEach(c -> {
            for (int n = 0; n < batch; n++) {
                int xBase = (n * g.inChannels + c) * plan.inVolume;
                if (dx instanceof float[] dxf) {
                    Arrays.fill(dxf, xBase, xBase + plan.inVolume, 0f);
                } else if (dx != null) {
                    Arrays.fill((double[]) dx, xBase, xBase + plan.inVolume, 0d);
                }
                for (int j = 0; j < m; j++) {
                    int o = c * m + j;
                    int yBase = (n * g.outChannels + o) * g.outVolume();
                    int wBase = o * plan.kernelVolume;
                    if (dy instanceof float[] dyf) {
                        if (dx != null) {
                            inputGradient(plan, dyf, yBase, (float[]) w, wBase, (float[]) dx, xBase);
                        }
                        if (dw != null) {
                            weightGradient(plan, dyf, yBase, (float[]) x, xBase, (float[]) dw, wBase);
                        }
                    } else {
                        if (dx != null) {
                            inputGradient(plan, (double[]) dy, yBase, (double[]) w, wBase, (double[]) dx, xBase);
                        }
                        if (dw != null) {
                            weightGradient(plan, (double[]) dy, yBase, (double[]) x, xBase, (double[]) dw, wBase);
                        }
                    }
                }
            }
        });
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
                for (int o = from; o < to; o++) {
                    acc += dy[d + o] * x[src + o * p.strideW];
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
