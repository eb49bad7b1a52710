package org.convlab.nn.layers;

import java.util.stream.IntStream;

/**
 * Max pooling for any rank: {@code y = max} over the window, padding ignored (as PyTorch's implicit
 * -inf padding). Backward sends each output gradient to the window's argmax, the first maximum
 * in row-major window order on ties.
 */
public abstract sealed class MaxPool extends Pool permits MaxPool1d, MaxPool2d, MaxPool3d {

    MaxPool(int rank, int[] kernel, int[] stride, int[] padding) {
        super(rank, kernel, stride, padding);
    }

    /** Returns the argmax of every output as an index into x. */
    @Override
    final Object poolForward(PoolGeometry.Grid g, double[] x, double[] y) {
        int[] argmax = new int[y.length];
        int[] table = g.windowTable();
        int ws = g.windowSize();
        int outPlane = g.outPlane();
        int inPlane = g.inPlane();
        IntStream.range(0, g.planes()).parallel().forEach(plane -> {
            for (int o = plane * outPlane, w = 0; w < outPlane; o++, w++) {
                int best = -1;
                for (int t = w * ws; t < (w + 1) * ws; t++) {
                    if (table[t] < 0) {
                        continue;
                    }
                    int i = plane * inPlane + table[t];
                    // Strictly greater keeps the first maximum; a NaN wins, as in PyTorch.
                    if (best < 0 || x[i] > x[best] || Double.isNaN(x[i]) && !Double.isNaN(x[best])) {
                        best = i;
                    }
                }
                argmax[o] = best; // padding <= kernel/2 leaves a real element in every window
                y[o] = x[best];
            }
        });
        return argmax;
    }

    @Override
    final void poolBackward(PoolGeometry.Grid g, Object windowState, double[] dy, double[] dx) {
        int[] argmax = (int[]) windowState;
        for (int o = 0; o < dy.length; o++) {
            dx[argmax[o]] += dy[o];
        }
    }
}
