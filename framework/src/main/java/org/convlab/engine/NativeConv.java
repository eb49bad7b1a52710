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

    /** The convolution (conv2d / conv3dnew) and the transposed convolution (deconv2d / deconv3d) of the geometry. */
    private final Pass convolution;
    private final Pass transposed;
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
        int[] convArgs = java.util.Arrays.copyOf(common, common.length + 1); // + weight format 0: [k..., iC, oC]
        this.convolution = new Pass(volumetric ? "conv3dnew" : "conv2d", convArgs, g.inChannels, g.in, g.outChannels,
                g.out);
        this.transposed = new Pass(volumetric ? "deconv3d" : "deconv2d", common, g.outChannels, g.out, g.inChannels,
                g.in);
    }

    /**
     * One direction of the ops: which op and integer arguments, and the channels and spatial size of
     * the array it reads and of the array it writes. The transposed convolution reads what the
     * convolution writes; both take the kernel in the same layout (see the class comment).
     */
    private record Pass(String op, int[] args, int inChannels, int[] inSize, int outChannels, int[] outSize) {
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
        return describe(convolution);
    }

    @Override
    public String transposedName() {
        return describe(transposed);
    }

    private String describe(Pass pass) {
        return "native " + pass.op() + (g.groups > 1 ? " x" + g.groups + " groups" : "") + (spread ? " (spread kernel)" : "");
    }

    @Override
    public INDArray forward(INDArray x, INDArray w, INDArray bias, INDArray y) {
        return run(convolution, x, w, bias, y);
    }

    @Override
    public void backward(INDArray x, INDArray w, INDArray dy, INDArray dwAccum, INDArray dbAccum, INDArray dx) {
        runBackward(convolution, x, w, dy, dwAccum, dbAccum, dx);
    }

    @Override
    public INDArray transposedForward(INDArray x, INDArray w, INDArray bias, INDArray y) {
        return run(transposed, x, w, bias, y);
    }

    @Override
    public void transposedBackward(INDArray x, INDArray w, INDArray dy, INDArray dwAccum, INDArray dbAccum,
            INDArray dx) {
        runBackward(transposed, x, w, dy, dwAccum, dbAccum, dx);
    }

    /** Writes the op of {@code pass} on {@code x} into {@code y}: one call per group on channel views. */
    private INDArray run(Pass pass, INDArray x, INDArray w, INDArray bias, INDArray y) {
        INDArray xs = spatial(x, pass.inChannels(), pass.inSize());
        INDArray ys = spatial(y, pass.outChannels(), pass.outSize());
        INDArray weights = opWeights(w);
        int inPerGroup = pass.inChannels() / g.groups;
        int outPerGroup = pass.outChannels() / g.groups;
        forEachGroup(grp -> {
            INDArray wg = kernelOf(weights, grp);
            INDArray[] in = bias == null ? new INDArray[] {channels(xs, grp, inPerGroup), wg}
                    : new INDArray[] {channels(xs, grp, inPerGroup), wg, groupOf(bias, grp, outPerGroup)};
            exec(pass.op(), in, new INDArray[] {channels(ys, grp, outPerGroup)}, pass.args());
        });
        return y;
    }

    /** The backward pass of {@code pass}'s op (its _bp op), the arguments as in {@link ConvAlgorithm#backward}. */
    private void runBackward(Pass pass, INDArray x, INDArray w, INDArray dy, INDArray dwAccum, INDArray dbAccum,
            INDArray dx) {
        INDArray xs = spatial(x, pass.inChannels(), pass.inSize());
        INDArray dys = spatial(dy, pass.outChannels(), pass.outSize());
        INDArray dxs = dx != null ? spatial(dx, pass.inChannels(), pass.inSize()) : unwantedInputGradient(xs);
        Gradients grads = new Gradients(w != null ? w : dwAccum, dbAccum != null, pass.outChannels());
        int inPerGroup = pass.inChannels() / g.groups;
        int outPerGroup = pass.outChannels() / g.groups;
        forEachGroup(grp -> {
            INDArray wg = kernelOf(grads.weights, grp);
            INDArray[] in = dbAccum != null
                    ? new INDArray[] {channels(xs, grp, inPerGroup), wg, groupOf(grads.zeroBias, grp, outPerGroup),
                        channels(dys, grp, outPerGroup)}
                    : new INDArray[] {channels(xs, grp, inPerGroup), wg, channels(dys, grp, outPerGroup)};
            exec(pass.op() + "_bp", in, grads.outputs(grp, outPerGroup, channels(dxs, grp, inPerGroup)), pass.args());
        });
        grads.addInto(dwAccum, dbAccum);
    }

    /** The _bp ops always write an input gradient: when none is wanted it goes to scratch memory. */
    private static INDArray unwantedInputGradient(INDArray xs) {
        return Workspace.get().device("nativeDx", xs.dataType(), 1, (int) xs.length()).reshape(xs.shape());
    }

    /**
     * The scratch of one backward call, taken in the calling thread before the groups run (they may
     * run on other threads): every group's kernel in the ops' layout, the _bp ops' weight-gradient
     * outputs side by side in the same layout, and their bias-gradient outputs with a zero bias.
     * After the groups, each gradient is added to its accumulator in one call.
     */
    private final class Gradients {
        final INDArray weights;
        final INDArray opWeightGradient;
        final INDArray opBiasGradient;
        final INDArray zeroBias;

        Gradients(INDArray w, boolean withBias, int biasLength) {
            Workspace ws = Workspace.get();
            this.weights = opWeights(w);
            this.opWeightGradient = ws.device("nativeDw", w.dataType(), 1, (int) weights.length()).reshape(weights.length());
            this.opBiasGradient = withBias ? ws.device("nativeDb", w.dataType(), 1, biasLength).reshape(biasLength) : null;
            this.zeroBias = withBias ? ws.device("nativeZeros", w.dataType(), 1, biasLength).reshape(biasLength).assign(0)
                    : null;
        }

        /** The _bp op's outputs for group {@code grp}: its input-gradient view, weight and (with a bias) bias gradient. */
        INDArray[] outputs(int grp, int biasPerGroup, INDArray dxView) {
            INDArray dw = kernelOf(opWeightGradient, grp);
            return opBiasGradient == null ? new INDArray[] {dxView, dw}
                    : new INDArray[] {dxView, dw, groupOf(opBiasGradient, grp, biasPerGroup)};
        }

        void addInto(INDArray dwAccum, INDArray dbAccum) {
            if (dwAccum != null) {
                INDArray ours = asOurs(opWeightGradient);
                if (spread) {
                    ours = ours.get(taps());
                }
                dwAccum.reshape(ourShape(g.kernel)).addi(ours);
            }
            if (dbAccum != null) {
                dbAccum.addi(opBiasGradient);
            }
        }
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

    /** Channels {@code [grp * perGroup, (grp + 1) * perGroup)} of an [N, C, ...] array, as a view. */
    private INDArray channels(INDArray a, int grp, int perGroup) {
        return g.groups == 1 ? a : slice(a, 1, grp * perGroup, perGroup);
    }

    /** Rows {@code [grp * perGroup, (grp + 1) * perGroup)} of an array along its first axis, as a view. */
    private INDArray groupOf(INDArray v, int grp, int perGroup) {
        return g.groups == 1 ? v : slice(v, 0, grp * perGroup, perGroup);
    }

    /**
     * {@code length} elements from {@code from} on along {@code axis}: the same view as ND4J's
     * {@code get(...interval...)}, built from strides and offset directly, because resolving
     * indices costs tens of microseconds per call and a grouped call makes dozens of views.
     */
    private static INDArray slice(INDArray a, int axis, long from, long length) {
        long[] shape = a.shape().clone();
        shape[axis] = length;
        long[] stride = a.stride().clone();
        return Nd4j.create(a.data(), shape, stride, a.offset() + from * stride[axis], a.ordering(), a.dataType());
    }

    /**
     * Every group's kernel in the ops' layout, [groups][k..., C/groups, O/groups] side by side in
     * reused scratch memory, converted from our [O, C/groups, k...] in one call; spread over its
     * dilated span with zeros between the taps when {@link #spread}.
     */
    private INDArray opWeights(INDArray w) {
        long total = (long) g.groups * kernelLength();
        INDArray op = Workspace.get().device("nativeW", w.dataType(), 1, Math.toIntExact(total)).reshape(total);
        INDArray ours = asOurs(op);
        INDArray w6 = w.reshape(ourShape(g.kernel));
        if (spread) {
            ours.assign(0);
            ours.get(taps()).assign(w6);
        } else {
            ours.assign(w6);
        }
        return op;
    }

    /** Elements of one group's kernel in the ops' layout. */
    private long kernelLength() {
        return (long) span[0] * span[1] * span[2] * (g.inChannels / g.groups) * (g.outChannels / g.groups);
    }

    /** Group {@code grp}'s kernel, [k..., C/groups, O/groups], within a flat array of {@link #opWeights}' layout. */
    private INDArray kernelOf(INDArray flat, int grp) {
        int cg = g.inChannels / g.groups;
        int og = g.outChannels / g.groups;
        long[] shape = volumetric ? new long[] {span[0], span[1], span[2], cg, og} : new long[] {span[1], span[2], cg, og};
        long[] stride = new long[shape.length];
        long step = 1;
        for (int a = shape.length - 1; a >= 0; a--) {
            stride[a] = step;
            step *= shape[a];
        }
        return Nd4j.create(flat.data(), shape, stride, flat.offset() + grp * kernelLength(), 'c', flat.dataType());
    }

    /** A flat array of {@link #opWeights}' layout seen as our [groups, O/groups, C/groups, span...] (a view). */
    private INDArray asOurs(INDArray flat) {
        int cg = g.inChannels / g.groups;
        int og = g.outChannels / g.groups;
        return flat.reshape(g.groups, span[0], span[1], span[2], cg, og).permute(0, 5, 4, 1, 2, 3);
    }

    /** [groups, O/groups, C/groups, size...]. */
    private long[] ourShape(int[] size) {
        return new long[] {g.groups, g.outChannels / g.groups, g.inChannels / g.groups, size[0], size[1], size[2]};
    }

    /** The positions of the kernel taps in a [groups, O, C, span...] kernel: every dilation-th element. */
    private org.nd4j.linalg.indexing.INDArrayIndex[] taps() {
        org.nd4j.linalg.indexing.INDArrayIndex[] idx = new org.nd4j.linalg.indexing.INDArrayIndex[3 + ConvGeometry.AXES];
        idx[0] = all();
        idx[1] = all();
        idx[2] = all();
        for (int a = 0; a < ConvGeometry.AXES; a++) {
            // A kernel of size 1 has one tap whatever its dilation (ND4J rounds a strided interval's end up).
            idx[3 + a] = span[a] == 1 ? interval(0, 1) : interval(0, g.dilation[a], span[a]);
        }
        return idx;
    }

    private void forEachGroup(IntConsumer body) {
        Groups.forEach(groupPool, g.groups, body, "NativeConv");
    }
}
