package org.convlab.bench;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.convlab.nn.Layer;
import org.convlab.nn.conv.ConvLayer;
import org.convlab.nn.conv.ConvSpec;
import org.convlab.nn.conv.KernelLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's own convolution ops called bare on the shapes of a benchmark row, forward and backward,
 * with the weights converted once, before timing, to the layouts the ops expect: the floor under
 * the native engine, whose calls are the same (plus bias, reshapes and checks). Where the native
 * engine cannot use an op the row still times the nearest op call, to show why:
 * <ul>
 *   <li>grouped: one conv2d per group on channel views (ND4J has no groups), as the engine does;</li>
 *   <li>dilated: the oneDNN FLOAT conv2d fails on dilation, so conv2d with the equivalent
 *       zero-inserted 5x5 kernel (25/9 of the multiplications);</li>
 *   <li>depthwise: ND4J's depthwise_conv2d, which takes seconds (the engine runs its own kernel).</li>
 * </ul>
 */
final class NativeConv {
    private final BenchCase row;
    private final String op;
    private final int groups;
    private final INDArray x;
    private final INDArray w;
    private final INDArray b;
    private final INDArray dy;
    private final int[] args;
    private final INDArray out;
    private final INDArray gradIn;
    private final INDArray gradW;
    private final INDArray gradB;
    private final INDArray[] groupWeights;

    private NativeConv(BenchCase row, String op, int groups, INDArray x, INDArray w, INDArray b, INDArray dy,
            int[] args, long[] outShape) {
        this.row = row;
        this.op = op;
        this.groups = groups;
        this.x = x;
        this.w = w;
        this.b = b;
        this.dy = dy;
        this.args = args;
        this.out = Nd4j.createUninitialized(x.dataType(), outShape);
        this.gradIn = x.ulike();
        this.gradW = w.ulike();
        this.gradB = b.ulike();
        this.groupWeights = new INDArray[groups];
        long og = outShape[1] / groups;
        for (int g = 0; g < groups && groups > 1; g++) {
            groupWeights[g] = w.get(all(), all(), all(), interval(g * og, (g + 1) * og)).dup('c');
        }
    }

    static NativeConv of(BenchCase c, Layer layer, INDArray x, INDArray dy) {
        long[] outShape = layer.outputShape(x.shape());
        ConvSpec s = ((KernelLayer) layer).spec();
        INDArray weight = ((KernelLayer) layer).weight().value();
        INDArray b = ((KernelLayer) layer).bias().value();
        int[] k = s.kernel();
        int[] st = s.stride();
        int[] p = s.padding();
        return switch (c) {
            // deconv2d: weights [kH, kW, oC, iC]; ours [iC, oC, kH, kW]. Args k, s, p, d, same, NCHW.
            case TRANSPOSED2D -> new NativeConv(c, "deconv2d", 1, x, weight.permute(2, 3, 1, 0).dup('c'), b, dy,
                    new int[] {k[0], k[1], st[0], st[1], p[0], p[1], 1, 1, 0, 0}, outShape);
            // conv1d: weights [kW, iC, oC]; args kW, sW, pW, dW, padding mode 0 (explicit), NCW.
            case CONV1D -> new NativeConv(c, "conv1d", 1, x, weight.permute(2, 1, 0).dup('c'), b, dy,
                    new int[] {k[0], st[0], p[0], 1, 0, 0}, outShape);
            // conv3dnew: k, s, p, d (3 each), same, NCDHW, weight format 0 = [kD, kH, kW, iC, oC].
            case CONV3D -> new NativeConv(c, "conv3dnew", 1, x, weight.permute(2, 3, 4, 1, 0).dup('c'), b, dy,
                    new int[] {k[0], k[1], k[2], st[0], st[1], st[2], p[0], p[1], p[2], 1, 1, 1, 0, 0, 0}, outShape);
            case DEPTHWISE2D -> {
                long m = s.outChannels() / s.inChannels();
                INDArray wd = weight.reshape(s.inChannels(), m, k[0], k[1]).permute(2, 3, 0, 1).dup('c');
                yield new NativeConv(c, "depthwise_conv2d", 1, x, wd, b, dy,
                        new int[] {k[0], k[1], st[0], st[1], p[0], p[1], 1, 1, 0, 0}, outShape);
            }
            case DILATED2D -> {
                int d = s.dilation()[0];
                int span = d * (k[0] - 1) + 1;
                INDArray spread = Nd4j.zeros(weight.dataType(), weight.size(0), weight.size(1), span, span);
                for (int i = 0; i < k[0]; i++) {
                    for (int j = 0; j < k[1]; j++) {
                        spread.get(all(), all(), org.nd4j.linalg.indexing.NDArrayIndex.point(i * d),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(j * d))
                                .assign(weight.get(all(), all(), org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                                        org.nd4j.linalg.indexing.NDArrayIndex.point(j)));
                    }
                }
                yield new NativeConv(c, "conv2d", 1, x, spread.permute(2, 3, 1, 0).dup('c'), b, dy,
                        new int[] {span, span, st[0], st[1], p[0], p[1], 1, 1, 0, 0, 0}, outShape);
            }
            default -> new NativeConv(c, "conv2d", s.groups(), x, weight.permute(2, 3, 1, 0).dup('c'), b, dy,
                    new int[] {k[0], k[1], st[0], st[1], p[0], p[1], 1, 1, 0, 0, 0}, outShape);
        };
    }

    INDArray forward() {
        if (groups == 1) {
            exec(op, new INDArray[] {x, w, b}, new INDArray[] {out});
            return out;
        }
        long cg = x.size(1) / groups;
        long og = out.size(1) / groups;
        for (int g = 0; g < groups; g++) {
            exec(op, new INDArray[] {x.get(all(), interval(g * cg, (g + 1) * cg)), groupWeight(g, og),
                b.get(interval(g * og, (g + 1) * og))}, new INDArray[] {out.get(all(), interval(g * og, (g + 1) * og))});
        }
        return out;
    }

    INDArray backward() {
        if (groups == 1) {
            exec(op + "_bp", new INDArray[] {x, w, b, dy}, new INDArray[] {gradIn, gradW, gradB});
            return gradIn;
        }
        long cg = x.size(1) / groups;
        long og = out.size(1) / groups;
        for (int g = 0; g < groups; g++) {
            INDArray wg = groupWeight(g, og);
            exec(op + "_bp", new INDArray[] {x.get(all(), interval(g * cg, (g + 1) * cg)), wg,
                b.get(interval(g * og, (g + 1) * og)), dy.get(all(), interval(g * og, (g + 1) * og))},
                    new INDArray[] {gradIn.get(all(), interval(g * cg, (g + 1) * cg)), wg.ulike(),
                        gradB.get(interval(g * og, (g + 1) * og))});
        }
        return gradIn;
    }

    /** Group g's [kH, kW, C/groups, O/groups] slice of the converted weights, copied once. */
    private INDArray groupWeight(int g, long og) {
        return groupWeights[g];
    }

    private void exec(String name, INDArray[] inputs, INDArray[] outputs) {
        Nd4j.exec(DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(outputs).addIntegerArguments(args).build());
    }

    BenchCase row() {
        return row;
    }
}
