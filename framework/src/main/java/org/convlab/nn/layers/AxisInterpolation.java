package org.convlab.nn.layers;

/**
 * How each output index of one upsampled axis reads the input axis: {@code out[o] = wLo[o] * in[lo[o]]
 * + wHi[o] * in[hi[o]]}. Nearest and bilinear upsampling are both this, on each axis separately.
 */
record AxisInterpolation(int[] lo, int[] hi, double[] wLo, double[] wHi) {

    /** Nearest: {@code lo = hi = floor(o / scale)}, all weight on lo. */
    static AxisInterpolation nearest(int in, int scale) {
        int out = in * scale;
        AxisInterpolation a = empty(out);
        for (int o = 0; o < out; o++) {
            a.lo[o] = o / scale;
            a.hi[o] = o / scale;
            a.wLo[o] = 1;
        }
        return a;
    }

    /**
     * Linear with PyTorch's {@code align_corners=false}: the output centre {@code o + 0.5} maps to
     * input coordinate {@code (o + 0.5) / scale - 0.5}, clamped at 0 (the border then repeats the edge).
     */
    static AxisInterpolation linear(int in, int scale) {
        int out = in * scale;
        AxisInterpolation a = empty(out);
        for (int o = 0; o < out; o++) {
            double src = Math.max(0, (o + 0.5) / scale - 0.5);
            int lo = (int) src;
            double frac = src - lo;
            a.lo[o] = lo;
            a.hi[o] = Math.min(lo + 1, in - 1);
            a.wLo[o] = 1 - frac;
            a.wHi[o] = frac;
        }
        return a;
    }

    private static AxisInterpolation empty(int out) {
        return new AxisInterpolation(new int[out], new int[out], new double[out], new double[out]);
    }

    int size() {
        return lo.length;
    }
}
