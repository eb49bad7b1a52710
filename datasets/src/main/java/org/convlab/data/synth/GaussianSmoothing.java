package org.convlab.data.synth;

import java.util.SplittableRandom;

/**
 * Separable Gaussian blur of 1D, 2D or 3D blocks held in primitive arrays, borders replicated, and
 * smooth random fields made from it. Used for smooth signals, smooth images and textures.
 */
final class GaussianSmoothing {
    private GaussianSmoothing() {
    }

    /** Normalised taps of a Gaussian of standard deviation {@code sigma}, radius ceil(3 sigma). */
    static double[] taps(double sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] t = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            t[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += t[i + r];
        }
        for (int i = 0; i < t.length; i++) {
            t[i] /= sum;
        }
        return t;
    }

    /**
     * Blurs the block {@code v[offset .. offset + prod(dims))} (row-major, last axis fastest) in
     * place along every axis.
     */
    static void blur(double[] v, int offset, int[] dims, double sigma) {
        if (sigma <= 0) {
            return;
        }
        double[] taps = taps(sigma);
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        double[] line = new double[maxOf(dims)];
        int stride = 1;
        for (int axis = dims.length - 1; axis >= 0; axis--) {
            int len = dims[axis];
            int outer = n / (len * stride);
            for (int o = 0; o < outer; o++) {
                for (int s = 0; s < stride; s++) {
                    int base = offset + o * len * stride + s;
                    for (int i = 0; i < len; i++) {
                        line[i] = v[base + i * stride];
                    }
                    convolveLine(line, len, taps, v, base, stride);
                }
            }
            stride *= len;
        }
    }

    private static void convolveLine(double[] line, int len, double[] taps, double[] out, int base, int stride) {
        int r = taps.length / 2;
        for (int i = 0; i < len; i++) {
            double acc = 0;
            for (int k = -r; k <= r; k++) {
                int j = Math.min(len - 1, Math.max(0, i + k));
                acc += taps[k + r] * line[j];
            }
            out[base + i * stride] = acc;
        }
    }

    /**
     * Fills the block with a smooth random field: white Gaussian noise blurred with {@code sigma},
     * then shifted and scaled to mean 0 and standard deviation 1 over the block.
     */
    static void smoothField(double[] v, int offset, int[] dims, double sigma, SplittableRandom rng) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        for (int i = 0; i < n; i++) {
            v[offset + i] = rng.nextGaussian();
        }
        blur(v, offset, dims, sigma);
        standardise(v, offset, n);
    }

    /** Shifts and scales {@code v[offset .. offset+n)} to mean 0, standard deviation 1. */
    static void standardise(double[] v, int offset, int n) {
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            s += v[offset + i];
        }
        double mean = s / n;
        for (int i = 0; i < n; i++) {
            double d = v[offset + i] - mean;
            s2 += d * d;
        }
        double std = Math.sqrt(s2 / n);
        double scale = std > 1e-12 ? 1 / std : 1;
        for (int i = 0; i < n; i++) {
            v[offset + i] = (v[offset + i] - mean) * scale;
        }
    }

    private static int maxOf(int[] dims) {
        int m = 0;
        for (int d : dims) {
            m = Math.max(m, d);
        }
        return m;
    }
}
