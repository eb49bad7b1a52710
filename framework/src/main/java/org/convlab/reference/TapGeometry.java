package org.convlab.reference;

import java.util.Arrays;

/**
 * The spatial part of the enumeration of taps, for one input channel and one output channel: for
 * every output position {@code p} and kernel tap {@code t}, the grid position
 * {@code q = p*s + t*d - padBefore} it reads. {@link Taps} (and so every method of
 * {@link ReferenceConv}) walks exactly this enumeration; drawings walk it too, so a picture of a
 * convolution shows the multiplications the reference performs.
 *
 * <p>The grid is the input itself for a cross-correlation; for the transposed convolution it is the
 * input with {@code s-1} zeros inserted between elements, over which a stride-1 correlation slides
 * (the canon's picture). Positions outside the grid lie in the zero padding.
 */
public final class TapGeometry {

    /** Receives one tap: output position, kernel tap, grid position (may be in the padding), inside the grid. */
    @FunctionalInterface
    public interface Visitor {
        void tap(int[] p, int[] t, int[] q, boolean inside);
    }

    private final int[] input;
    private final int[] grid;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padBefore;
    private final int[] padAfter;
    private final int[] dilation;
    private final int[] insertedStride;
    private final boolean flipped;
    private final int[] out;

    private TapGeometry(int[] input, int[] grid, int[] kernel, int[] stride, int[] padBefore, int[] padAfter,
            int[] dilation, int[] insertedStride, boolean flipped) {
        int rank = input.length;
        for (int[] a : new int[][] {grid, kernel, stride, padBefore, padAfter, dilation, insertedStride}) {
            if (a.length != rank) {
                throw new IllegalArgumentException("tap geometry: every setting needs " + rank
                        + " values (one per spatial axis), found " + Arrays.toString(a));
            }
        }
        this.input = input.clone();
        this.grid = grid.clone();
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padBefore = padBefore.clone();
        this.padAfter = padAfter.clone();
        this.dilation = dilation.clone();
        this.insertedStride = insertedStride.clone();
        this.flipped = flipped;
        this.out = new int[rank];
        for (int a = 0; a < rank; a++) {
            out[a] = Math.floorDiv(grid[a] + padBefore[a] + padAfter[a] - dilation[a] * (kernel[a] - 1) - 1,
                    stride[a]) + 1;
        }
    }

    /** The cross-correlation {@code y[p] = sum_t w[t] x[p*s + t*d - padBefore]}. */
    public static TapGeometry correlation(int[] input, int[] kernel, int[] stride, int[] padBefore, int[] padAfter,
            int[] dilation) {
        return new TapGeometry(input, input, kernel, stride, padBefore, padAfter, dilation, ones(input.length),
                false);
    }

    /** The signal-processing convolution: the same taps, each multiplying the kernel element reversed on every axis. */
    public static TapGeometry trueConvolution(int[] input, int[] kernel, int[] stride, int[] padBefore,
            int[] padAfter, int[] dilation) {
        return new TapGeometry(input, input, kernel, stride, padBefore, padAfter, dilation, ones(input.length),
                true);
    }

    /**
     * The transposed convolution as {@link ReferenceConv#transposed} computes it: zeros inserted,
     * padded by {@code d(k-1)-p} on each side plus {@code outputPadding} at the end, stride 1, the
     * kernel reversed.
     */
    public static TapGeometry transposed(int[] input, int[] kernel, int[] stride, int[] padding,
            int[] outputPadding, int[] dilation) {
        int rank = input.length;
        int[] up = new int[rank];
        int[] before = new int[rank];
        int[] after = new int[rank];
        for (int a = 0; a < rank; a++) {
            up[a] = (input[a] - 1) * stride[a] + 1;
            before[a] = dilation[a] * (kernel[a] - 1) - padding[a];
            after[a] = before[a] + outputPadding[a];
        }
        return new TapGeometry(input, up, kernel, ones(rank), before, after, dilation, stride, true);
    }

    private static int[] ones(int rank) {
        int[] one = new int[rank];
        Arrays.fill(one, 1);
        return one;
    }

    public int rank() {
        return input.length;
    }

    /** The size of the layer's input. */
    public int[] input() {
        return input.clone();
    }

    /** The grid the kernel slides over: the input, or the input with zeros inserted. */
    public int[] grid() {
        return grid.clone();
    }

    public int[] kernel() {
        return kernel.clone();
    }

    /** The stride of the sliding kernel over the grid (1 for the transposed convolution). */
    public int[] stride() {
        return stride.clone();
    }

    /** Zeros before the grid on each axis; negative when the padding crops it (transposed, p > d(k-1)). */
    public int[] padBefore() {
        return padBefore.clone();
    }

    public int[] padAfter() {
        return padAfter.clone();
    }

    public int[] dilation() {
        return dilation.clone();
    }

    /** The layer's output size. */
    public int[] output() {
        return out.clone();
    }

    /** True when the kernel element used at tap t is t reversed (true and transposed convolution). */
    public boolean flipped() {
        return flipped;
    }

    /** The spacing of the real inputs on the grid: the transposed convolution's stride, else 1. */
    public int[] insertedStride() {
        return insertedStride.clone();
    }

    /** The input element at grid position {@code q}, or null for an inserted zero or a padding cell. */
    public int[] inputAt(int[] q) {
        int[] x = new int[q.length];
        for (int a = 0; a < q.length; a++) {
            if (q[a] < 0 || q[a] >= grid[a] || q[a] % insertedStride[a] != 0) {
                return null;
            }
            x[a] = q[a] / insertedStride[a];
        }
        return x;
    }

    /** The kernel element that tap {@code t} multiplies (t itself, or reversed when {@link #flipped()}). */
    public int[] weightAt(int[] t) {
        int[] w = t.clone();
        if (flipped) {
            for (int a = 0; a < w.length; a++) {
                w[a] = kernel[a] - 1 - t[a];
            }
        }
        return w;
    }

    /** Every (output position, kernel tap) in c order, output positions outermost, padding taps included. */
    public void visit(Visitor v) {
        int rank = input.length;
        for (int a = 0; a < rank; a++) {
            if (out[a] <= 0) {
                return;
            }
        }
        int[] p = new int[rank];
        int[] t = new int[rank];
        int[] q = new int[rank];
        do {
            NdIndex.zero(t);
            do {
                boolean inside = true;
                for (int a = 0; a < rank; a++) {
                    q[a] = p[a] * stride[a] + t[a] * dilation[a] - padBefore[a];
                    inside &= q[a] >= 0 && q[a] < grid[a];
                }
                v.tap(p, t, q, inside);
            } while (NdIndex.next(t, kernel));
        } while (NdIndex.next(p, out));
    }
}
