package org.convlab.nn.layers;

import java.util.stream.IntStream;

/**
 * Average pooling for any rank: {@code y = sum(window) / prod(kernel)}, the padding counted as zeros
 * (PyTorch's {@code count_include_pad=true}). Backward spreads {@code dy / prod(kernel)} over the
 * window's real elements.
 */
public abstract sealed class AvgPool extends Pool permits AvgPool1d, AvgPool2d, AvgPool3d {

    AvgPool(int rank, int[] kernel, int[] stride, int[] padding) {
        super(rank, kernel, stride, padding);
    }

    @Override
    final Object poolForward(PoolGeometry.Grid g, Object x, Object y) {
        int[] table = g.table();
        int ws = g.windowSize();
        int outPlane = g.outPlane();
        int inPlane = g.inPlane();
        IntStream.range(0, g.planes()).parallel().forEach(plane -> {
            int base = plane * inPlane;
            for (int o = plane * outPlane, w = 0; w < outPlane; o++, w++) {
                if (x instanceof float[] xf) {
                    double sum = 0; // summed in double, as the DOUBLE path: only the result is rounded
                    for (int t = w * ws; t < (w + 1) * ws; t++) {
                        if (table[t] >= 0) {
                            sum += xf[base + table[t]];
                        }
                    }
                    ((float[]) y)[o] = (float) (sum / ws); // padding counts as zeros (count_include_pad)
                } else {
                    double[] xd = (double[]) x;
                    double sum = 0;
                    for (int t = w * ws; t < (w + 1) * ws; t++) {
                        if (table[t] >= 0) {
                            sum += xd[base + table[t]];
                        }
                    }
                    ((double[]) y)[o] = sum / ws;
                }
            }
        });
        return null; // the shape alone determines the backward pass
    }

    @Override
    final void poolBackward(PoolGeometry.Grid g, Object windowState, Object dy, Object dx) {
        int[] table = g.table();
        int ws = g.windowSize();
        int outPlane = g.outPlane();
        int inPlane = g.inPlane();
        IntStream.range(0, g.planes()).parallel().forEach(plane -> {
            int base = plane * inPlane;
            for (int o = plane * outPlane, w = 0; w < outPlane; o++, w++) {
                if (dx instanceof float[] f) {
                    float share = (float) ((double) ((float[]) dy)[o] / ws);
                    for (int t = w * ws; t < (w + 1) * ws; t++) {
                        if (table[t] >= 0) {
                            f[base + table[t]] += share;
                        }
                    }
                } else {
                    double share = ((double[]) dy)[o] / ws;
                    double[] d = (double[]) dx;
                    for (int t = w * ws; t < (w + 1) * ws; t++) {
                        if (table[t] >= 0) {
                            d[base + table[t]] += share;
                        }
                    }
                }
            }
        });
    }
}
