package org.convlab.reference;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Slow, obviously-correct convolutions written straight from their definitions, with a counter of
 * the multiplications they actually perform. They are the oracle the fast layers are tested
 * against, and the source of the counted figures in the report. Any rank from 1 to 3; every
 * computation in double.
 *
 * <p>A tap that falls outside the input (into zero padding) is skipped: it multiplies nothing.
 */
public final class ReferenceConv {
    private ReferenceConv() {
    }

    /** An output and the number of multiplications it took. */
    public record Counted(INDArray output, long multiplications) {
    }

    /**
     * The cross-correlation {@code y[n,o,p] = b[o] + sum_{c in group(o)} sum_t w[o,c,t] x[n,c,p*s + t*d - pad]}.
     *
     * @param x [N, C, spatial...]
     * @param w [O, C/groups, k...]
     * @param b [O] or null
     * @param padAfter zero padding at the end of each axis (may differ from {@code padBefore})
     */
    public static Counted crossCorrelation(INDArray x, INDArray w, INDArray b, int[] stride, int[] padBefore,
            int[] padAfter, int[] dilation, int groups) {
        int rank = x.rank() - 2;
        int n = (int) x.size(0);
        int inC = (int) x.size(1);
        int outC = (int) w.size(0);
        int cg = inC / groups;
        int og = outC / groups;
        int[] in = spatial(x.shape());
        int[] k = spatial(w.shape());
        int[] out = new int[rank];
        for (int a = 0; a < rank; a++) {
            out[a] = (in[a] + padBefore[a] + padAfter[a] - dilation[a] * (k[a] - 1) - 1) / stride[a] + 1;
        }
        double[] xv = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] wv = w.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] bv = b == null ? null : b.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int outVol = NdIndex.volume(out);
        int inVol = NdIndex.volume(in);
        int kVol = NdIndex.volume(k);
        double[] y = new double[n * outC * outVol];
        long mults = 0;
        int[] p = new int[rank];
        int[] t = new int[rank];
        int[] src = new int[rank];
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < outC; o++) {
                int grp = o / og;
                NdIndex.zero(p);
                do {
                    double acc = bv == null ? 0 : bv[o];
                    for (int c = 0; c < cg; c++) {
                        int ci = grp * cg + c;
                        NdIndex.zero(t);
                        do {
                            boolean inside = true;
                            for (int a = 0; a < rank; a++) {
                                src[a] = p[a] * stride[a] + t[a] * dilation[a] - padBefore[a];
                                inside &= src[a] >= 0 && src[a] < in[a];
                            }
                            if (inside) {
                                acc += wv[(o * cg + c) * kVol + NdIndex.flat(t, k)]
                                        * xv[(s * inC + ci) * inVol + NdIndex.flat(src, in)];
                                mults++;
                            }
                        } while (NdIndex.next(t, k));
                    }
                    y[(s * outC + o) * outVol + NdIndex.flat(p, out)] = acc;
                } while (NdIndex.next(p, out));
            }
        }
        long[] shape = new long[rank + 2];
        shape[0] = n;
        shape[1] = outC;
        for (int a = 0; a < rank; a++) {
            shape[a + 2] = out[a];
        }
        return new Counted(Nd4j.create(y, shape, 'c'), mults);
    }

    static int[] spatial(long[] shape) {
        int[] s = new int[shape.length - 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = (int) shape[i + 2];
        }
        return s;
    }
}
