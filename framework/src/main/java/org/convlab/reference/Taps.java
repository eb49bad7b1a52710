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
    private final int[] stride;
    private final int[] padBefore;
    private final int[] dilation;

    Taps(int batch, int inChannels, int outChannels, int groups, int[] in, int[] kernel, int[] stride, int[] padBefore,
            int[] padAfter, int[] dilation) {
        this.batch = batch;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
        this.in = in;
        this.kernel = kernel;
        this.stride = stride;
        this.padBefore = padBefore;
        this.dilation = dilation;
        this.out = new int[in.length];
        for (int a = 0; a < in.length; a++) {
            out[a] = Math.floorDiv(in[a] + padBefore[a] + padAfter[a] - dilation[a] * (kernel[a] - 1) - 1, stride[a])
                    + 1;
        }
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
        int rank = in.length;
        int cg = inChannels / groups;
        int og = outChannels / groups;
        int inVol = NdIndex.volume(in);
        int outVol = NdIndex.volume(out);
        int kVol = NdIndex.volume(kernel);
        int[] p = new int[rank];
        int[] t = new int[rank];
        int[] q = new int[rank];
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < outChannels; o++) {
                int group = o / og;
                for (int c = 0; c < cg; c++) {
                    int ci = group * cg + c;
                    NdIndex.zero(p);
                    do {
                        NdIndex.zero(t);
                        do {
                            boolean inside = true;
                            for (int a = 0; a < rank; a++) {
                                q[a] = p[a] * stride[a] + t[a] * dilation[a] - padBefore[a];
                                inside &= q[a] >= 0 && q[a] < in[a];
                            }
                            if (inside) {
                                v.tap((n * inChannels + ci) * inVol + NdIndex.flat(q, in),
                                        (o * cg + c) * kVol + NdIndex.flat(t, kernel),
                                        (n * outChannels + o) * outVol + NdIndex.flat(p, out));
                            }
                        } while (NdIndex.next(t, kernel));
                    } while (NdIndex.next(p, out));
                }
            }
        }
    }
}
