package org.convlab.nn.layers;

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
        g.forEachWindowElement((o, i) -> y[o] += x[i]);
        double divisor = (double) g.k()[0] * g.k()[1] * g.k()[2];
        for (int o = 0; o < y.length; o++) {
            y[o] /= divisor;
        }
        return null; // the shape alone determines the backward pass
    }

    @Override
    final void poolBackward(PoolGeometry.Grid g, Object windowState, double[] dy, double[] dx) {
        double divisor = (double) g.k()[0] * g.k()[1] * g.k()[2];
        g.forEachWindowElement((o, i) -> dx[i] += dy[o] / divisor);
    }
}
