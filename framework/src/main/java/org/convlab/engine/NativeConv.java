package org.convlab.engine;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.concurrent.ExecutorService;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The native algorithm: ND4J's declarable convolution ops ({@code conv2d}, {@code conv3dnew},
 * {@code deconv2d}, {@code deconv3d} and their {@code _bp}), which the oneDNN build runs on
 * oneDNN's kernels. A 1-d convolution is a 2-d one on an input of height 1 (what ND4J's conv1d
 * does inside). ND4J has no groups: each group is one op call on channel views of the input,
 * the weights and the output.
 *
 * <p>Weights go to the ops in the layout {@code [k..., in/groups, out]} (conv2d's and conv3dnew's
 * format 0, which the notes measured faster than the PyTorch layout in backward); for
 * {@code deconv2d/3d} the same permutation of our {@code [O, C/groups, k...]} array is their
 * {@code [k..., C/groups, O]}, because the transposed convolution's input channels are the
 * convolution's output channels. Converting a kernel is a copy of a few thousand elements per call.
 *
 * <p>What the ops cannot do is decided by {@link #supports}: only symmetric zero padding and no
 * depthwise groups (ND4J's depthwise_conv2d takes over a second on a [32, 128, 32, 32] batch). The
 * oneDNN FLOAT conv2d, conv3dnew and deconv backward ops fail on dilation; there a dilated kernel is
 * handed to them as the undilated kernel of its full span with zeros between the taps (k3, dilation
 * 2: a 5x5 kernel, 25/9 of the multiplications, still far faster than lowering), and the weight
 * gradient is that kernel's gradient read back at the taps. Beyond {@link #MAX_SPREAD} times the
 * multiplications lowering wins, and the ops are not used.
 */
final class NativeConv implements ConvAlgorithm {
    private final ConvGeometry g;
    private final ExecutorService groupPool;
    private final boolean volumetric;
    /** The most extra multiplications a zero-inserted (spread) dilated kernel may cost. */
    static final double MAX_SPREAD = 3.0;

    private final int[] convArgs;
    private final int[] deconvArgs;
    /** Whether a dilated kernel goes to the ops spread out with zeros (FLOAT), and then its span per axis. */
    private final boolean spread;
    private final int[] span = new int[ConvGeometry.AXES];

    NativeConv(ConvGeometry g, DataType type, ExecutorService groupPool) {
        this.g = g;
        this.groupPool = groupPool;
        this.volumetric = g.rank == 3;
        this.spread = type == DataType.FLOAT && g.dilated();
        for (int a = 0; a < ConvGeometry.AXES; a++) {
            span[a] = spread ? g.dilation[a] * (g.kernel[a] - 1) + 1 : g.kernel[a];
        }
        int first = volumetric ? 0 : 1;
        int axes = ConvGeometry.AXES - first;
        // kernel..., stride..., padding..., dilation..., then same-mode 0 and data format 0 (channels first).
        int[] common = new int[4 * axes + 2];
        for (int a = 0; a < axes; a++) {
            common[a] = span[first + a];
            common[axes + a] = g.stride[first + a];
            common[2 * axes + a] = g.padBegin[first + a];
            common[3 * axes + a] = spread ? 1 : g.dilation[first + a];
        }
        this.deconvArgs = common;
        this.convArgs = java.util.Arrays.copyOf(common, common.length + 1); // + weight format 0: [k..., iC, oC]
    }

    /** Whether ND4J's ops compute this convolution correctly in {@code type} (see the class comment). */
    static boolean supports(ConvGeometry g, DataType type) {
        boolean depthwise = g.groups > 1 && g.groups == g.inChannels;
        return g.symmetricPadding() && !depthwise && !(type == DataType.FLOAT && spreadCost(g) > MAX_SPREAD);
    }

    /** Multiplications of the zero-inserted kernel over those of the dilated one: 1 without dilation. */
    static double spreadCost(ConvGeometry g) {
        double cost = 1;
        for (int a = 0; a < ConvGeometry.AXES; a++) {
            cost *= (g.dilation[a] * (g.kernel[a] - 1) + 1) / (double) g.kernel[a];
        }
        return cost;
    }

    /** Whether the transposed convolution of this geometry runs on deconv2d/3d: also no output padding. */
    static boolean supportsTransposed(ConvGeometry g, DataType type) {
        return supports(g, type) && g.transposeFitsWithoutOutputPadding();
    }

    @Override
    public String name() {
        String op = volumetric ? "conv3dnew" : "conv2d";
        return "native " + op + (g.groups > 1 ? " x" + g.groups + " groups" : "") + (spread ? " (spread kernel)" : "");
    }

    @Override
    public String transposedName() {
        return "native " + (volumetric ? "deconv3d" : "deconv2d") + (g.groups > 1 ? " x" + g.groups + " groups" : "")
                + (spread ? " (spread kernel)" : "");
    }

    @Override
    public INDArray forward(INDArray x, INDArray w, INDArray bias) {
        int n = (int) x.size(0);
        INDArray xs = spatial(x, g.inChannels, g.in);
        INDArray y = Nd4j.createUninitialized(x.dataType(), spatialShape(n, g.outChannels, g.out), 'c');
        int og = g.outChannels / g.groups;
        int cg = g.inChannels / g.groups;
        forEachGroup(grp -> {
            INDArray[] in = bias == null ? new INDArray[] {channels(xs, grp, cg), opWeight(w, grp, og)}
                    : new INDArray[] {channels(xs, grp, cg), opWeight(w, grp, og), groupOf(bias, grp, og)};
            exec(volumetric ? "conv3dnew" : "conv2d", in, new INDArray[] {channels(y, grp, og)}, convArgs);
        });
        return y.reshape(g.outputShape(n));
    }

    @Override
    public INDArray backward(INDArray x, INDArray w, INDArray dy, INDArray dwAccum, INDArray dbAccum,
            boolean inputGradient) {
        int n = (int) dy.size(0);
        INDArray xs = spatial(x, g.inChannels, g.in);
        INDArray dys = spatial(dy, g.outChannels, g.out);
        // The _bp ops always write the input gradient; when it is not wanted it lands in scratch memory.
        INDArray dx = inputGradient ? Nd4j.createUninitialized(dy.dataType(), xs.shape(), 'c')
                : Workspace.get().device("nativeDx", dy.dataType(), 1, (int) xs.length()).reshape(xs.shape());
        int og = g.outChannels / g.groups;
        int cg = g.inChannels / g.groups;
        boolean withBias = dbAccum != null;
        forEachGroup(grp -> {
            INDArray wg = opWeight(w != null ? w : dwAccum, grp, og);
            INDArray dwg = wg.ulike();
            INDArray dbg = withBias ? Nd4j.createUninitialized(dy.dataType(), og) : null;
            INDArray[] in = withBias
                    ? new INDArray[] {channels(xs, grp, cg), wg, Nd4j.zeros(dy.dataType(), og), channels(dys, grp, og)}
                    : new INDArray[] {channels(xs, grp, cg), wg, channels(dys, grp, og)};
            INDArray[] out = withBias ? new INDArray[] {channels(dx, grp, cg), dwg, dbg}
                    : new INDArray[] {channels(dx, grp, cg), dwg};
            exec(volumetric ? "conv3dnew_bp" : "conv2d_bp", in, out, convArgs);
            if (dwAccum != null) {
                addWeightGradient(dwAccum, dwg, grp, og);
            }
            if (withBias) {
                groupOf(dbAccum, grp, og).addi(dbg);
            }
        });
        return inputGradient ? dx.reshape(g.inputShape(n)) : null;
    }

    @Override
    public INDArray transposedForward(INDArray x, INDArray w, INDArray bias) {
        int n = (int) x.size(0);
        INDArray xs = spatial(x, g.outChannels, g.out);
        INDArray y = Nd4j.createUninitialized(x.dataType(), spatialShape(n, g.inChannels, g.in), 'c');
        int og = g.outChannels / g.groups;
        int cg = g.inChannels / g.groups;
        forEachGroup(grp -> {
            INDArray[] in = bias == null ? new INDArray[] {channels(xs, grp, og), opWeight(w, grp, og)}
                    : new INDArray[] {channels(xs, grp, og), opWeight(w, grp, og), groupOf(bias, grp, cg)};
            exec(volumetric ? "deconv3d" : "deconv2d", in, new INDArray[] {channels(y, grp, cg)}, deconvArgs);
        });
        return y.reshape(g.inputShape(n));
    }

    @Override
    public INDArray transposedBackward(INDArray x, INDArray w, INDArray dy, INDArray dwAccum, INDArray dbAccum,
            boolean inputGradient) {
        int n = (int) x.size(0);
        INDArray xs = spatial(x, g.outChannels, g.out);
        INDArray dys = spatial(dy, g.inChannels, g.in);
        INDArray dx = inputGradient ? Nd4j.createUninitialized(dy.dataType(), xs.shape(), 'c')
                : Workspace.get().device("nativeDx", dy.dataType(), 1, (int) xs.length()).reshape(xs.shape());
        int og = g.outChannels / g.groups;
        int cg = g.inChannels / g.groups;
        boolean withBias = dbAccum != null;
        forEachGroup(grp -> {
            INDArray wg = opWeight(w != null ? w : dwAccum, grp, og);
            INDArray dwg = wg.ulike();
            INDArray dbg = withBias ? Nd4j.createUninitialized(dy.dataType(), cg) : null;
            INDArray[] in = withBias
                    ? new INDArray[] {channels(xs, grp, og), wg, Nd4j.zeros(dy.dataType(), cg), channels(dys, grp, cg)}
                    : new INDArray[] {channels(xs, grp, og), wg, channels(dys, grp, cg)};
            INDArray[] out = withBias ? new INDArray[] {channels(dx, grp, og), dwg, dbg}
                    : new INDArray[] {channels(dx, grp, og), dwg};
            exec(volumetric ? "deconv3d_bp" : "deconv2d_bp", in, out, deconvArgs);
            if (dwAccum != null) {
                addWeightGradient(dwAccum, dwg, grp, og);
            }
            if (withBias) {
                groupOf(dbAccum, grp, cg).addi(dbg);
            }
        });
        return inputGradient ? dx.reshape(g.outputShape(n)) : null;
    }

    private static void exec(String op, INDArray[] inputs, INDArray[] outputs, int[] args) {
        Nd4j.exec(DynamicCustomOp.builder(op).addInputs(inputs).addOutputs(outputs).addIntegerArguments(args).build());
    }

    /** [N, C, D, H, W] for the 3-d op, else [N, C, H, W] (height 1 for a 1-d convolution). */
    private long[] spatialShape(long n, int channels, int[] size) {
        return volumetric ? new long[] {n, channels, size[0], size[1], size[2]} : new long[] {n, channels, size[1], size[2]};
    }

    private INDArray spatial(INDArray a, int channels, int[] size) {
        if (a == null) {
            return null;
        }
        long[] shape = spatialShape(a.size(0), channels, size);
        return java.util.Arrays.equals(a.shape(), shape) ? a : a.reshape('c', shape);
    }

    private INDArray channels(INDArray a, int grp, int perGroup) {
        return g.groups == 1 ? a : a.get(all(), interval(grp * perGroup, (grp + 1) * perGroup));
    }

    private INDArray groupOf(INDArray v, int grp, int perGroup) {
        return g.groups == 1 ? v : v.get(interval(grp * perGroup, (grp + 1) * perGroup));
    }

    /**
     * Group {@code grp}'s rows of our [O, C/groups, k...] kernel as the ops' [k..., C/groups, O] (a copy),
     * spread over its dilated span with zeros between the taps when {@link #spread}.
     */
    private INDArray opWeight(INDArray w, int grp, int og) {
        int cg = g.inChannels / g.groups;
        INDArray rows = groupOf(w, grp, og).reshape(og, cg, g.kernel[0], g.kernel[1], g.kernel[2]);
        if (spread) {
            INDArray full = Nd4j.zeros(w.dataType(), og, cg, span[0], span[1], span[2]);
            full.get(taps()).assign(rows);
            rows = full;
        }
        if (volumetric) {
            return rows.permute(2, 3, 4, 1, 0).dup('c');
        }
        return rows.reshape(og, cg, span[1], span[2]).permute(2, 3, 1, 0).dup('c');
    }

    /** The positions of the kernel taps in a [O, C, span...] kernel: every dilation-th element. */
    private org.nd4j.linalg.indexing.INDArrayIndex[] taps() {
        org.nd4j.linalg.indexing.INDArrayIndex[] idx = new org.nd4j.linalg.indexing.INDArrayIndex[2 + ConvGeometry.AXES];
        idx[0] = all();
        idx[1] = all();
        for (int a = 0; a < ConvGeometry.AXES; a++) {
            // A kernel of size 1 has one tap whatever its dilation (ND4J rounds a strided interval's end up).
            idx[2 + a] = span[a] == 1 ? interval(0, 1) : interval(0, g.dilation[a], span[a]);
        }
        return idx;
    }

    /** Adds a [k..., C/groups, O] gradient (the ops' layout) into group {@code grp}'s rows of the [O, C/groups, k...] accumulator. */
    private void addWeightGradient(INDArray dwAccum, INDArray dwg, int grp, int og) {
        int cg = g.inChannels / g.groups;
        INDArray ours = (volumetric ? dwg.permute(4, 3, 0, 1, 2) : dwg.permute(3, 2, 0, 1)).dup('c')
                .reshape(og, cg, span[0], span[1], span[2]);
        if (spread) {
            ours = ours.get(taps()).dup('c');
        }
        INDArray rows = groupOf(dwAccum, grp, og);
        rows.addi(ours.reshape(rows.shape()));
    }

    private void forEachGroup(IntConsumer body) {
        Groups.forEach(groupPool, g.groups, body, "NativeConv");
    }
}
