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
    public INDArray forward(INDArray x, INDArray w, INDArray bias, INDArray y) {
        INDArray xs = spatial(x, g.inChannels, g.in);
        INDArray ys = spatial(y, g.outChannels, g.out);
        int og = g.outChannels / g.groups;
        int cg = g.inChannels / g.groups;
        forEachGroup(grp -> {
            INDArray wg = opWeight(w, grp, og);
            INDArray[] in = bias == null ? new INDArray[] {channels(xs, grp, cg), wg}
                    : new INDArray[] {channels(xs, grp, cg), wg, groupOf(bias, grp, og)};
            exec(volumetric ? "conv3dnew" : "conv2d", in, new INDArray[] {channels(ys, grp, og)}, convArgs);
        });
        return y;
    }

    @Override
    public void backward(INDArray x, INDArray w, INDArray dy, INDArray dwAccum, INDArray dbAccum, INDArray dx) {
        INDArray xs = spatial(x, g.inChannels, g.in);
        INDArray dys = spatial(dy, g.outChannels, g.out);
        INDArray dxs = dx != null ? spatial(dx, g.inChannels, g.in) : unwantedInputGradient(xs);
        int og = g.outChannels / g.groups;
        int cg = g.inChannels / g.groups;
        forEachGroup(grp -> {
            INDArray wg = opWeight(w != null ? w : dwAccum, grp, og);
            INDArray[] out = opGradients(wg, dbAccum != null, og, channels(dxs, grp, cg));
            INDArray[] in = dbAccum != null
                    ? new INDArray[] {channels(xs, grp, cg), wg, zeros(dy.dataType(), og), channels(dys, grp, og)}
                    : new INDArray[] {channels(xs, grp, cg), wg, channels(dys, grp, og)};
            exec(volumetric ? "conv3dnew_bp" : "conv2d_bp", in, out, convArgs);
            addGradients(out, dwAccum, dbAccum, grp, og);
        });
    }

    @Override
    public INDArray transposedForward(INDArray x, INDArray w, INDArray bias, INDArray y) {
        INDArray xs = spatial(x, g.outChannels, g.out);
        INDArray ys = spatial(y, g.inChannels, g.in);
        int og = g.outChannels / g.groups;
        int cg = g.inChannels / g.groups;
        forEachGroup(grp -> {
            INDArray wg = opWeight(w, grp, og);
            INDArray[] in = bias == null ? new INDArray[] {channels(xs, grp, og), wg}
                    : new INDArray[] {channels(xs, grp, og), wg, groupOf(bias, grp, cg)};
            exec(volumetric ? "deconv3d" : "deconv2d", in, new INDArray[] {channels(ys, grp, cg)}, deconvArgs);
        });
        return y;
    }

    @Override
    public void transposedBackward(INDArray x, INDArray w, INDArray dy, INDArray dwAccum, INDArray dbAccum,
            INDArray dx) {
        INDArray xs = spatial(x, g.outChannels, g.out);
        INDArray dys = spatial(dy, g.inChannels, g.in);
        INDArray dxs = dx != null ? spatial(dx, g.outChannels, g.out) : unwantedInputGradient(xs);
        int og = g.outChannels / g.groups;
        int cg = g.inChannels / g.groups;
        forEachGroup(grp -> {
            INDArray wg = opWeight(w != null ? w : dwAccum, grp, og);
            INDArray[] out = opGradients(wg, dbAccum != null, cg, channels(dxs, grp, og));
            INDArray[] in = dbAccum != null
                    ? new INDArray[] {channels(xs, grp, og), wg, zeros(dy.dataType(), cg), channels(dys, grp, cg)}
                    : new INDArray[] {channels(xs, grp, og), wg, channels(dys, grp, cg)};
            exec(volumetric ? "deconv3d_bp" : "deconv2d_bp", in, out, deconvArgs);
            addGradients(out, dwAccum, dbAccum, grp, cg);
        });
    }

    /** The _bp ops always write an input gradient: when none is wanted it goes to scratch memory. */
    private static INDArray unwantedInputGradient(INDArray xs) {
        return Workspace.get().device("nativeDx", xs.dataType(), 1, (int) xs.length()).reshape(xs.shape());
    }

    /** The _bp op's outputs: the input gradient's view, then reused scratch for the weight (and bias) gradient. */
    private static INDArray[] opGradients(INDArray wg, boolean withBias, int biasLength, INDArray dxView) {
        Workspace ws = Workspace.get();
        INDArray dwg = ws.device("nativeDw", wg.dataType(), 1, (int) wg.length()).reshape(wg.shape());
        if (!withBias) {
            return new INDArray[] {dxView, dwg};
        }
        return new INDArray[] {dxView, dwg, ws.device("nativeDb", wg.dataType(), 1, biasLength).reshape(biasLength)};
    }

    /** Adds a _bp op's weight (and bias) gradient into group {@code grp}'s rows of the accumulators. */
    private void addGradients(INDArray[] opOutputs, INDArray dwAccum, INDArray dbAccum, int grp, int biasPerGroup) {
        if (dwAccum != null) {
            addWeightGradient(dwAccum, opOutputs[1], grp, (int) (dwAccum.size(0) / g.groups));
        }
        if (dbAccum != null) {
            groupOf(dbAccum, grp, biasPerGroup).addi(opOutputs[2]);
        }
    }

    /** A zero bias for the _bp ops, whose bias gradient is wanted only with a bias input. */
    private static INDArray zeros(org.nd4j.linalg.api.buffer.DataType type, int length) {
        return Workspace.get().device("nativeZeros", type, 1, length).reshape(length).assign(0);
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
     * Group {@code grp}'s rows of our [O, C/groups, k...] kernel in the ops' layout [k..., C/groups, O],
     * written into reused scratch memory, spread over its dilated span with zeros between the taps
     * when {@link #spread}.
     */
    private INDArray opWeight(INDArray w, int grp, int og) {
        int cg = g.inChannels / g.groups;
        INDArray rows = groupOf(w.reshape(w.size(0), cg, g.kernel[0], g.kernel[1], g.kernel[2]), grp, og);
        INDArray op = Workspace.get().device("nativeW", w.dataType(), 1, cg * og * span[0] * span[1] * span[2])
                .reshape(span[0], span[1], span[2], cg, og);
        INDArray ours = op.permute(4, 3, 0, 1, 2);
        if (spread) {
            ours.assign(0);
            ours.get(taps()).assign(rows);
        } else {
            ours.assign(rows);
        }
        return volumetric ? op : op.reshape(span[1], span[2], cg, og);
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
        INDArray ours = dwg.reshape(span[0], span[1], span[2], cg, og).permute(4, 3, 0, 1, 2);
        if (spread) {
            ours = ours.get(taps());
        }
        // Reshaped whole, then sliced: a view of the accumulator, never a copy.
        INDArray all5 = dwAccum.reshape(dwAccum.size(0), cg, g.kernel[0], g.kernel[1], g.kernel[2]);
        groupOf(all5, grp, og).addi(ours);
    }

    private void forEachGroup(IntConsumer body) {
        Groups.forEach(groupPool, g.groups, body, "NativeConv");
    }
}
