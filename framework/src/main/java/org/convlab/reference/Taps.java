package org.convlab.reference;

/**
 * Every multiplication a convolution performs, enumerated straight from the definition
 * {@code y[n,o,p] += w[o,c,t] x[n,c,p*s + t*d - pad]} for {@code c} in the group of {@code o}:
 * one call per (sample, output channel, input channel of its group, output position, kernel tap)
 * whose input position falls inside the input. Taps in the zero padding multiply nothing and are
 * not enumerated.
 */
final class Taps {
    /** Receives flat indices into x [N, C, in...], w [O, C/groups, k...] and y [N, O, out...]. */
    interface Visitor {
        void tap(int xIndex, int wIndex, int yIndex);
    }

    final int batch;
    final int inChannels;
    final int outChannels;
    final int groups;
    final int[] in;
    final int[] kernel;
    final int[] out;
    private final TapGeometry spatial;

    Taps(int batch, int inChannels, int outChannels, int groups, int[] in, int[] kernel, int[] stride, int[] padBefore,
            int[] padAfter, int[] dilation) {
        this.batch = batch;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
        this.in = in;
        this.kernel = kernel;
        this.spatial = TapGeometry.correlation(in, kernel, stride, padBefore, padAfter, dilation);
        this.out = spatial.output();
    }

    long[] outputShape() {
        long[] s = new long[out.length + 2];
        s[0] = batch;
        s[1] = outChannels;
        for (int a = 0; a < out.length; a++) {
            s[a + 2] = out[a];
        }
        return s;
    }

    void visit(Visitor v) {
        int cg = inChannels / groups;
        int og = outChannels / groups;
        int inVol = NdIndex.volume(in);
        int outVol = NdIndex.volume(out);
        int kVol = NdIndex.volume(kernel);
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < outChannels; o++) {
                int group = o / og;
                for (int c = 0; c < cg; c++) {
                    int xBase = (n * inChannels + group * cg + c) * inVol;
                    int wBase = (o * cg + c) * kVol;
                    int yBase = (n * outChannels + o) * outVol;
                    // The spatial enumeration is shared with the drawings (TapGeometry).
                    spatial.visit((p, t, q, inside) -> {
                        if (inside) {
                            v.tap(xBase + NdIndex.flat(q, in), wBase + NdIndex.flat(t, kernel),
                                    yBase + NdIndex.flat(p, out));
                        }
                    });
                }
            }
        }
    }
}
