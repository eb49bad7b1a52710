package org.convlab.nn.conv;

import java.util.Arrays;
import org.convlab.engine.EngineChoice;
import org.convlab.nn.Init;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One parameterised convolution configuration for the tests. */
record ConvCase(int rank, int in, int out, int k, int stride, int pad, String word, int dilation, int groups,
        boolean bias, PaddingMode mode, int size, int batch) {

    static ConvCase of(int rank, int in, int out, int k) {
        return new ConvCase(rank, in, out, k, 1, 0, null, 1, 1, true, PaddingMode.ZEROS, 5, 2);
    }

    ConvCase stride(int s) {
        return new ConvCase(rank, in, out, k, s, pad, word, dilation, groups, bias, mode, size, batch);
    }

    ConvCase pad(int p) {
        return new ConvCase(rank, in, out, k, stride, p, null, dilation, groups, bias, mode, size, batch);
    }

    ConvCase word(String w) {
        return new ConvCase(rank, in, out, k, stride, pad, w, dilation, groups, bias, mode, size, batch);
    }

    ConvCase dilation(int d) {
        return new ConvCase(rank, in, out, k, stride, pad, word, d, groups, bias, mode, size, batch);
    }

    ConvCase groups(int g) {
        return new ConvCase(rank, in, out, k, stride, pad, word, dilation, g, bias, mode, size, batch);
    }

    ConvCase noBias() {
        return new ConvCase(rank, in, out, k, stride, pad, word, dilation, groups, false, mode, size, batch);
    }

    ConvCase mode(PaddingMode m) {
        return new ConvCase(rank, in, out, k, stride, pad, word, dilation, groups, bias, m, size, batch);
    }

    ConvCase size(int s) {
        return new ConvCase(rank, in, out, k, stride, pad, word, dilation, groups, bias, mode, s, batch);
    }

    ConvCase batch(int n) {
        return new ConvCase(rank, in, out, k, stride, pad, word, dilation, groups, bias, mode, size, n);
    }

    <B extends ConvBuilder<B, ?>> B configure(B b, DataType type) {
        b.stride(stride).dilation(dilation).groups(groups).bias(bias).paddingMode(mode).dataType(type).seed(7);
        if (word != null) {
            b.padding(word);
        } else {
            b.padding(pad);
        }
        return b;
    }

    ConvLayer conv(DataType type) {
        return conv(type, EngineChoice.AUTO);
    }

    ConvLayer conv(DataType type, EngineChoice engine) {
        return switch (rank) {
            case 1 -> configure(Conv1d.builder(in, out, k), type).engine(engine).build();
            case 2 -> configure(Conv2d.builder(in, out, k), type).engine(engine).build();
            default -> configure(Conv3d.builder(in, out, k), type).engine(engine).build();
        };
    }

    ConvLayer trueConv(DataType type) {
        return trueConv(type, EngineChoice.AUTO);
    }

    ConvLayer trueConv(DataType type, EngineChoice engine) {
        return switch (rank) {
            case 1 -> configure(TrueConv1d.builder(in, out, k), type).engine(engine).build();
            case 2 -> configure(TrueConv2d.builder(in, out, k), type).engine(engine).build();
            default -> configure(TrueConv3d.builder(in, out, k), type).engine(engine).build();
        };
    }

    INDArray input(DataType type, long seed) {
        long[] shape = new long[rank + 2];
        shape[0] = batch;
        shape[1] = in;
        Arrays.fill(shape, 2, shape.length, size);
        return Init.uniform(seed, type, -1, 1, shape);
    }

    @Override
    public String toString() {
        return rank + "d " + in + "->" + out + " k" + k + " s" + stride + " " + (word != null ? word : "p" + pad) + " d"
                + dilation + " g" + groups + (bias ? "" : " nobias") + " " + mode + " n" + size;
    }
}
