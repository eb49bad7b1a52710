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
    final Object poolForward(PoolGeometry.Grid g, double[] x, double[] y) {
        int[] table = g.windowTable();
        int ws = g.windowSize();
        int outPlane = g.outPlane();
        int inPlane = g.inPlane();
        IntStream.range(0, g.planes()).parallel().forEach(plane -> {
            for (int o = plane * outPlane, w = 0; w < outPlane; o++, w++) {
                double sum = 0;
                for (int t = w * ws; t < (w + 1) * ws; t++) {
                    if (table[t] >= 0) {
                        sum += x[plane * inPlane + table[t]];
                    }
                }
                y[o] = sum / ws; // padding counts as zeros (count_include_pad)
            }
        });
        return null; // the shape alone determines the backward pass
    }

    @Override
    final void poolBackward(PoolGeometry.Grid g, Object windowState, double[] dy, double[] dx) {
        int[] table = g.windowTable();
        int ws = g.windowSize();
        int outPlane = g.outPlane();
        int inPlane = g.inPlane();
        IntStream.range(0, g.planes()).parallel().forEach(plane -> {
            for (int o = plane * outPlane, w = 0; w < outPlane; o++, w++) {
                double share = dy[o] / ws;
                for (int t = w * ws; t < (w + 1) * ws; t++) {
                    if (table[t] >= 0) {
                        dx[plane * inPlane + table[t]] += share;
                    }
                }
            }
        });
    }
}
