package org.convlab.bench;

import org.convlab.nn.Layer;
import org.convlab.nn.conv.ConvLayer;
import org.convlab.nn.conv.ConvTransposeLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * ND4J's own convolution ops on the same shapes as a ConvLab layer, forward and backward, with
 * the weights converted once to the layouts the native ops expect. ND4J has no grouped
 * convolution: the grouped case runs its native conv2d with the equivalent block-diagonal weight.
 */
final class NativeConv {
    private final String op;
    private final INDArray[] inputs;
    private final INDArray[] backwardInputs;
    private final int[] args;
    private final INDArray out;
    private final INDArray[] grads;

    private NativeConv(String op, INDArray x, INDArray w, INDArray b, INDArray dy, int[] args, long[] outShape) {
        this.op = op;
        this.inputs = new INDArray[] {x, w, b};
        this.backwardInputs = new INDArray[] {x, w, b, dy};
        this.args = args;
        this.out = Nd4j.createUninitialized(x.dataType(), outShape);
        this.grads = new INDArray[] {x.ulike(), w.ulike(), b.ulike()};
    }

    static NativeConv of(BenchCase c, Layer layer, INDArray x, INDArray dy) {
        long[] outShape = layer.outputShape(x.shape());
        if (layer instanceof ConvTransposeLayer t) {
            var s = t.spec();
            // deconv2d: weights [kH, kW, oC, iC]; ours [iC, oC, kH, kW].
            INDArray w = t.weight().value().permute(2, 3, 1, 0).dup('c');
            return new NativeConv("deconv2d", x, w, t.bias().value(), dy, new int[] {s.kernel()[0], s.kernel()[1],
                s.stride()[0], s.stride()[1], s.padding()[0], s.padding()[1], 1, 1, 0, 0}, outShape);
        }
        ConvLayer conv = (ConvLayer) layer;
        var s = conv.spec();
        INDArray w = conv.weight().value();
        INDArray b = conv.bias().value();
        return switch (c) {
            // conv1d takes weights [kW, iC, oC] only; args kW, sW, pW, dW, paddingMode (0 = explicit), 0 = NCW.
            case CONV1D -> new NativeConv("conv1d", x, w.permute(2, 1, 0).dup('c'), b, dy,
                    new int[] {s.kernel()[0], s.stride()[0], s.padding()[0], s.dilation()[0], 0, 0}, outShape);
            case CONV3D -> new NativeConv("conv3dnew", x, w, b, dy, new int[] {s.kernel()[0], s.kernel()[1],
                s.kernel()[2], s.stride()[0], s.stride()[1], s.stride()[2], s.padding()[0], s.padding()[1],
                s.padding()[2], s.dilation()[0], s.dilation()[1], s.dilation()[2], 0, 0, 1}, outShape);
            case DEPTHWISE -> {
                long m = s.outChannels() / s.inChannels();
                INDArray wd = w.reshape(s.inChannels(), m, s.kernel()[0], s.kernel()[1]).permute(2, 3, 0, 1).dup('c');
                yield new NativeConv("depthwise_conv2d", x, wd, b, dy, conv2dArgs(s.kernel(), s.stride(), s.padding(),
                        s.dilation(), false), outShape);
            }
            case GROUPED -> new NativeConv("conv2d", x, blockDiagonal(w, s.groups(), s.inChannels()), b, dy,
                    conv2dArgs(s.kernel(), s.stride(), s.padding(), s.dilation(), true), outShape);
            default -> new NativeConv("conv2d", x, w, b, dy, conv2dArgs(s.kernel(), s.stride(), s.padding(),
                    s.dilation(), true), outShape);
        };
    }

    private static int[] conv2dArgs(int[] k, int[] s, int[] p, int[] d, boolean oiyx) {
        return oiyx ? new int[] {k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], 0, 0, 1}
                : new int[] {k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], 0, 0};
    }

    private static INDArray blockDiagonal(INDArray w, int groups, int inChannels) {
        long out = w.size(0);
        long og = out / groups;
        long cg = inChannels / groups;
        INDArray full = Nd4j.zeros(w.dataType(), out, inChannels, w.size(2), w.size(3));
        for (int g = 0; g < groups; g++) {
            full.get(NDArrayIndex.interval(g * og, (g + 1) * og), NDArrayIndex.interval(g * cg, (g + 1) * cg))
                    .assign(w.get(NDArrayIndex.interval(g * og, (g + 1) * og)));
        }
        return full;
    }

    INDArray forward() {
        Nd4j.exec(DynamicCustomOp.builder(op).addInputs(inputs).addOutputs(out).addIntegerArguments(args).build());
        return out;
    }

    INDArray backward() {
        Nd4j.exec(DynamicCustomOp.builder(op + "_bp").addInputs(backwardInputs).addOutputs(grads)
                .addIntegerArguments(args).build());
        return grads[0];
    }
}
