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
        return new Grid(HostArrays.product(inputShape, 0) / HostArrays.product(inputShape, 2), in, out, k, s, p);
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
    record Grid(int planes, int[] in, int[] out, int[] k, int[] s, int[] p) {
        int inPlane() {
            return in[0] * in[1] * in[2];
        }

        int outPlane() {
            return out[0] * out[1] * out[2];
        }

        /** Receives one (output index, input index) pair of a window. */
        interface Visit {
            void accept(int output, int input);
        }

        /**
         * Calls {@code visit} for every output and every real (not padding) input element of its
         * window, in row-major window order within each output. Planes (one sample's channel) run in
         * parallel: a window reads and writes only its own plane, so the visits of different planes
         * touch different elements and the results do not depend on the thread count.
         */
        void forEachWindowElement(Visit visit) {
            int outPlane = outPlane();
            java.util.stream.IntStream.range(0, planes).parallel().forEach(plane -> {
                int base = plane * inPlane();
                int o = plane * outPlane;
                for (int od = 0; od < out[0]; od++) {
                    for (int oh = 0; oh < out[1]; oh++) {
                        for (int ow = 0; ow < out[2]; ow++, o++) {
                            for (int kd = 0; kd < k[0]; kd++) {
                                int id = od * s[0] - p[0] + kd;
                                if (id < 0 || id >= in[0]) {
                                    continue;
                                }
                                for (int kh = 0; kh < k[1]; kh++) {
                                    int ih = oh * s[1] - p[1] + kh;
                                    if (ih < 0 || ih >= in[1]) {
                                        continue;
                                    }
                                    for (int kw = 0; kw < k[2]; kw++) {
                                        int iw = ow * s[2] - p[2] + kw;
                                        if (iw >= 0 && iw < in[2]) {
                                            visit.accept(o, base + (id * in[1] + ih) * in[2] + iw);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            });
        }
    }
}
