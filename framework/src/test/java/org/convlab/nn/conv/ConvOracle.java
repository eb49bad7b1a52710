package org.convlab.nn.conv;

import org.convlab.reference.ReferenceConv;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Test-side oracles written with plain loops: explicit padding, kernel flips, the reference conv. */
final class ConvOracle {
    private ConvOracle() {
    }

    /** Pads every spatial axis by index arithmetic on the definition of each mode. */
    static INDArray pad(INDArray x, int[] before, int[] after, PaddingMode mode) {
        int rank = x.rank() - 2;
        long[] shape = x.shape().clone();
        for (int a = 0; a < rank; a++) {
            shape[a + 2] += before[a] + after[a];
        }
        double[] src = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] dst = new double[(int) prod(shape)];
        long[] inShape = x.shape();
        int[] idx = new int[shape.length];
        for (int f = 0; f < dst.length; f++) {
            int rem = f;
            for (int a = shape.length - 1; a >= 0; a--) {
                idx[a] = (int) (rem % shape[a]);
                rem /= shape[a];
            }
            int flat = 0;
            boolean zero = false;
            for (int a = 0; a < shape.length; a++) {
                int i = idx[a];
                if (a >= 2) {
                    int size = (int) inShape[a];
                    int j = i - before[a - 2];
                    if (j < 0 || j >= size) {
                        switch (mode) {
                            case ZEROS -> zero = true;
                            case REPLICATE -> j = j < 0 ? 0 : size - 1;
                            case CIRCULAR -> j = ((j % size) + size) % size;
                            case REFLECT -> j = j < 0 ? -j : 2 * (size - 1) - j;
                        }
                    }
                    i = j;
                }
                flat = (int) (flat * inShape[a] + (zero ? 0 : i));
            }
            dst[f] = zero ? 0 : src[flat];
        }
        return Nd4j.create(dst, shape, 'c').castTo(x.dataType());
    }

    /** Reverses every spatial axis by index arithmetic. */
    static INDArray flip(INDArray w) {
        long[] shape = w.shape();
        double[] src = w.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] dst = new double[src.length];
        int[] idx = new int[shape.length];
        for (int f = 0; f < src.length; f++) {
            int rem = f;
            for (int a = shape.length - 1; a >= 0; a--) {
                idx[a] = (int) (rem % shape[a]);
                rem /= shape[a];
            }
            int flat = 0;
            for (int a = 0; a < shape.length; a++) {
                int i = a >= 2 ? (int) shape[a] - 1 - idx[a] : idx[a];
                flat = (int) (flat * shape[a] + i);
            }
            dst[flat] = src[f];
        }
        return Nd4j.create(dst, shape, 'c').castTo(w.dataType());
    }

    /** The layer's output computed by the reference implementation. */
    static INDArray reference(ConvLayer layer, INDArray x, INDArray weight) {
        ConvSpec s = layer.spec();
        int[] zero = new int[s.rank()];
        INDArray bias = layer.bias() == null ? null : layer.bias().value();
        if (s.paddingMode() == PaddingMode.ZEROS) {
            return ReferenceConv.crossCorrelation(x, weight, bias, s.stride(), s.padBefore(), s.padAfter(),
                    s.dilation(), s.groups()).output();
        }
        INDArray padded = pad(x, s.padBefore(), s.padAfter(), s.paddingMode());
        return ReferenceConv.crossCorrelation(padded, weight, bias, s.stride(), zero, zero, s.dilation(), s.groups())
                .output();
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    private static long prod(long[] s) {
        long p = 1;
        for (long v : s) {
            p *= v;
        }
        return p;
    }
}
