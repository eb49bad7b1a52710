package org.convlab.nn.layers;

import java.util.Arrays;
import org.convlab.nn.Checks;

/**
 * Kernel, stride and padding of a 1, 2 or 3-dimensional pooling window, validated once. The pooling
 * loops see every rank as 3 spatial axes: a 1D or 2D window gets size-1 leading axes with kernel 1,
 * stride 1 and no padding, which leaves the result unchanged.
 */
final class PoolGeometry {
    private final String layer;
    private final int rank;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;

    /** Each of kernel, stride, padding has one entry per spatial axis, or one entry for all. */
    PoolGeometry(String layer, int rank, int[] kernel, int[] stride, int[] padding) {
        this.layer = layer;
        this.rank = rank;
        this.kernel = perAxis("kernel", kernel);
        this.stride = perAxis("stride", stride);
        this.padding = perAxis("padding", padding);
        for (int a = 0; a < rank; a++) {
            Checks.positive(layer, "kernel", this.kernel[a]);
            Checks.positive(layer, "stride", this.stride[a]);
            Checks.nonNegative(layer, "padding", this.padding[a]);
            // As in PyTorch: a wider padding would allow windows that see only padding.
            if (this.padding[a] > this.kernel[a] / 2) {
                throw new IllegalArgumentException(layer + ": padding must be at most half the kernel, got padding "
                        + Arrays.toString(this.padding) + " for kernel " + Arrays.toString(this.kernel));
            }
        }
    }

    private int[] perAxis(String setting, int[] values) {
        if (values == null || (values.length != 1 && values.length != rank)) {
            throw new IllegalArgumentException(layer + ": " + setting + " takes 1 or " + rank + " values, got "
                    + Arrays.toString(values));
        }
        return values.length == rank ? values.clone() : filled(values[0]);
    }

    private int[] filled(int v) {
        int[] a = new int[rank];
        Arrays.fill(a, v);
        return a;
    }

    int[] kernel() {
        return kernel.clone();
    }

    int[] stride() {
        return stride.clone();
    }

    int[] padding() {
        return padding.clone();
    }

    String layout() {
        return switch (rank) {
            case 1 -> "[N, C, L]";
            case 2 -> "[N, C, H, W]";
            default -> "[N, C, D, H, W]";
        };
    }

    /** {@code floor((in + 2p - k) / s) + 1} per spatial axis. */
    long[] outputShape(long[] inputShape) {
        Checks.requireRank(layer, inputShape, rank + 2, layout());
        long[] out = inputShape.clone();
        for (int a = 0; a < rank; a++) {
            long in = inputShape[2 + a];
            long size = Math.floorDiv(in + 2L * padding[a] - kernel[a], stride[a]) + 1;
            if (size < 1) {
                throw new IllegalArgumentException(layer + ": input " + layout() + " = " + Arrays.toString(inputShape)
                        + " is too small on axis " + (2 + a) + " (size " + in + ") for kernel " + kernel[a]
                        + " with padding " + padding[a]);
            }
            out[2 + a] = size;
        }
        return out;
    }

    /** The loop bounds for an input shape already checked by {@link #outputShape}. */
    Grid grid(long[] inputShape, long[] outputShape) {
        int lead = 3 - rank;
        int[] in = {1, 1, 1};
        int[] out = {1, 1, 1};
        int[] k = {1, 1, 1};
        int[] s = {1, 1, 1};
        int[] p = {0, 0, 0};
        for (int a = 0; a < rank; a++) {
            in[lead + a] = Math.toIntExact(inputShape[2 + a]);
            out[lead + a] = Math.toIntExact(outputShape[2 + a]);
            k[lead + a] = kernel[a];
            s[lead + a] = stride[a];
            p[lead + a] = padding[a];
        }
        Grid shapeOnly = new Grid(HostArrays.product(inputShape, 0) / HostArrays.product(inputShape, 2), in, out, k, s,
                p, inputShape.clone(), null);
        return new Grid(shapeOnly.planes, in, out, k, s, p, inputShape.clone(), shapeOnly.windowTable());
    }

    @Override
    public String toString() {
        return "kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride) + ", padding="
                + Arrays.toString(padding);
    }

    /**
     * Pooling bounds on three spatial axes (D, H, W) for {@code planes = N * C} independent planes.
     * Input element (d, h, w) of a plane sits at {@code (d * in[1] + h) * in[2] + w}.
     */
    record Grid(int planes, int[] in, int[] out, int[] k, int[] s, int[] p, long[] inputShape, int[] table) {
        /** Whether this grid was made for {@code shape}. */
        boolean matches(long[] shape) {
            return Arrays.equals(inputShape, shape);
        }

        int inPlane() {
            return in[0] * in[1] * in[2];
        }

        int outPlane() {
            return out[0] * out[1] * out[2];
        }

        /** Elements per window: the kernel volume. */
        int windowSize() {
            return k[0] * k[1] * k[2];
        }

        /**
         * The windows of one plane as a table: entry {@code o * windowSize() + t} is the offset in the
         * input plane of tap {@code t} (row-major in the window) of output {@code o}, or -1 where the
         * tap falls into the padding. Every plane has the same windows, so the pooling loops index
         * this table instead of recomputing coordinates, and run planes in parallel: a window reads
         * and writes only its own plane, so results do not depend on the thread count. Computed once
         * per grid, as {@link #table}.
         */
        int[] windowTable() {
            int ws = windowSize();
            int[] table = new int[outPlane() * ws];
            int o = 0;
            for (int od = 0; od < out[0]; od++) {
                for (int oh = 0; oh < out[1]; oh++) {
                    for (int ow = 0; ow < out[2]; ow++, o++) {
                        int t = o * ws;
                        for (int kd = 0; kd < k[0]; kd++) {
                            int id = od * s[0] - p[0] + kd;
                            for (int kh = 0; kh < k[1]; kh++) {
                                int ih = oh * s[1] - p[1] + kh;
                                for (int kw = 0; kw < k[2]; kw++, t++) {
                                    int iw = ow * s[2] - p[2] + kw;
                                    boolean inside = id >= 0 && id < in[0] && ih >= 0 && ih < in[1] && iw >= 0
                                            && iw < in[2];
                                    table[t] = inside ? (id * in[1] + ih) * in[2] + iw : -1;
                                }
                            }
                        }
                    }
                }
            }
            return table;
        }
    }
}
