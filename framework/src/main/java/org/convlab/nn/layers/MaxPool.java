package org.convlab.nn.layers;

import java.util.ArrayDeque;
import java.util.stream.IntStream;

/**
 * Max pooling for any rank: {@code y = max} over the window, padding ignored (as PyTorch's implicit
 * -inf padding). Backward sends each output gradient to the window's argmax, the first maximum
 * in row-major window order on ties; a NaN in a window wins, as in PyTorch.
 */
public abstract sealed class MaxPool extends Pool permits MaxPool1d, MaxPool2d, MaxPool3d {
    // argmax arrays of finished backward calls, reused by later forward calls
    private final ArrayDeque<int[]> freeArgmax = new ArrayDeque<>();

    MaxPool(int rank, int[] kernel, int[] stride, int[] padding) {
        super(rank, kernel, stride, padding);
    }

    /** Returns the argmax of every output as an index into x. */
    @Override
    final Object poolForward(PoolGeometry.Grid g, Object x, Object y) {
        int outputs = g.planes() * g.outPlane();
        int[] reused = freeArgmax.poll();
        int[] argmax = reused != null && reused.length == outputs ? reused : new int[outputs];
        IntStream.range(0, g.planes()).parallel().forEach(plane -> {
            if (x instanceof float[] xf) {
                argmaxFloat(g, plane, xf, (float[]) y, argmax);
            } else {
                argmaxDouble(g, plane, (double[]) x, (double[]) y, argmax);
            }
        });
        return argmax;
    }

    private static void argmaxFloat(PoolGeometry.Grid g, int plane, float[] x, float[] y, int[] argmax) {
        int[] table = g.table();
        int ws = g.windowSize();
        int base = plane * g.inPlane();
        for (int o = plane * g.outPlane(), w = 0; w < g.outPlane(); o++, w++) {
            int best = -1;
            for (int t = w * ws; t < (w + 1) * ws; t++) {
                if (table[t] >= 0) {
                    int i = base + table[t];
                    // Strictly greater keeps the first maximum; a NaN wins.
                    if (best < 0 || x[i] > x[best] || Float.isNaN(x[i]) && !Float.isNaN(x[best])) {
                        best = i;
                    }
                }
            }
            argmax[o] = best; // padding <= kernel/2 leaves a real element in every window
            y[o] = x[best];
        }
    }

    private static void argmaxDouble(PoolGeometry.Grid g, int plane, double[] x, double[] y, int[] argmax) {
        int[] table = g.table();
        int ws = g.windowSize();
        int base = plane * g.inPlane();
        for (int o = plane * g.outPlane(), w = 0; w < g.outPlane(); o++, w++) {
            int best = -1;
            for (int t = w * ws; t < (w + 1) * ws; t++) {
                if (table[t] >= 0) {
                    int i = base + table[t];
                    if (best < 0 || x[i] > x[best] || Double.isNaN(x[i]) && !Double.isNaN(x[best])) {
                        best = i;
                    }
                }
            }
            argmax[o] = best;
            y[o] = x[best];
        }
    }

    @Override
    final void poolBackward(PoolGeometry.Grid g, Object windowState, Object dy, Object dx) {
        int[] argmax = (int[]) windowState;
        int outPlane = g.outPlane();
        // A window's argmax lies in its own plane: planes run in parallel without shared writes.
        IntStream.range(0, g.planes()).parallel().forEach(plane -> {
            int end = (plane + 1) * outPlane;
            if (dx instanceof float[] f) {
                float[] d = (float[]) dy;
                for (int o = plane * outPlane; o < end; o++) {
                    f[argmax[o]] += d[o];
                }
            } else {
                double[] f = (double[]) dx;
                double[] d = (double[]) dy;
                for (int o = plane * outPlane; o < end; o++) {
                    f[argmax[o]] += d[o];
                }
            }
        });
    }

    @Override
    final void releaseWindowState(Object windowState) {
        freeArgmax.push((int[]) windowState);
    }
}
