package org.convlab.engine;

import java.util.Arrays;

/**
 * The shape arithmetic of one N-d convolution (rank 1, 2 or 3) on one input size, with zero
 * padding that may differ at the start and the end of an axis.
 *
 * <p>Internally every rank is a 3-d convolution whose missing leading axes have size 1, kernel 1,
 * stride 1 and no padding: one lowering serves every rank. Output size per axis:
 * {@code floor((in + padBegin + padEnd - d(k-1) - 1) / s) + 1}.
 */
public final class ConvGeometry {
    static final int AXES = 3;

    final int rank;
    final int inChannels;
    final int outChannels;
    final int groups;
    final int[] in = new int[AXES];
    final int[] kernel = new int[AXES];
    final int[] stride = new int[AXES];
    final int[] padBegin = new int[AXES];
    final int[] dilation = new int[AXES];
    final int[] out = new int[AXES];
    private LoweringPlan plan;

    /**
     * @param who the layer to name in error messages
     * @throws IllegalArgumentException when a setting is invalid or the dilated kernel does not fit the padded input
     */
    public ConvGeometry(String who, int inChannels, int outChannels, int groups, int[] inSize, int[] kernel,
            int[] stride, int[] padBegin, int[] padEnd, int[] dilation) {
        this.rank = inSize.length;
        if (rank < 1 || rank > AXES) {
            throw new IllegalArgumentException(who + ": convolutions have 1 to 3 spatial axes, got " + rank);
        }
        for (int[] a : new int[][] {kernel, stride, padBegin, padEnd, dilation}) {
            if (a.length != rank) {
                throw new IllegalArgumentException(who + ": expected " + rank + " values per setting, got "
                        + Arrays.toString(a));
            }
        }
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(who + ": groups must divide both channel counts (in=" + inChannels
                    + ", out=" + outChannels + "), got groups=" + groups);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
        Arrays.fill(this.in, 1);
        Arrays.fill(this.kernel, 1);
        Arrays.fill(this.stride, 1);
        Arrays.fill(this.dilation, 1);
        Arrays.fill(this.out, 1);
        int shift = AXES - rank;
        for (int a = 0; a < rank; a++) {
            int padded = inSize[a] + padBegin[a] + padEnd[a];
            int span = dilation[a] * (kernel[a] - 1) + 1;
            if (span > padded) {
                throw new IllegalArgumentException(who + ": the kernel (size " + kernel[a] + ", dilation " + dilation[a]
                        + ", span " + span + ") does not fit the padded input on spatial axis " + a + " (size "
                        + inSize[a] + " + padding " + padBegin[a] + "+" + padEnd[a] + " = " + padded + ")");
            }
            this.in[shift + a] = inSize[a];
            this.kernel[shift + a] = kernel[a];
            this.stride[shift + a] = stride[a];
            this.padBegin[shift + a] = padBegin[a];
            this.dilation[shift + a] = dilation[a];
            this.out[shift + a] = (padded - span) / stride[a] + 1;
        }
    }

    public int rank() {
        return rank;
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int groups() {
        return groups;
    }

    /** Output spatial sizes, {@code rank} values. */
    public int[] outSize() {
        return Arrays.copyOfRange(out, AXES - rank, AXES);
    }

    /** Input spatial sizes, {@code rank} values. */
    public int[] inSize() {
        return Arrays.copyOfRange(in, AXES - rank, AXES);
    }

    /** True for a 1x1 convolution with stride 1 and no padding: its lowered input is the input itself. */
    public boolean identityLowering() {
        for (int a = 0; a < AXES; a++) {
            if (kernel[a] != 1 || stride[a] != 1 || padBegin[a] != 0 || out[a] != in[a]) {
                return false;
            }
        }
        return true;
    }

    public int inVolume() {
        return in[0] * in[1] * in[2];
    }

    public int outVolume() {
        return out[0] * out[1] * out[2];
    }

    public int kernelVolume() {
        return kernel[0] * kernel[1] * kernel[2];
    }

    /** Rows of the lowered input of one group: input channels per group times kernel volume. */
    public int colRows() {
        return inChannels / groups * kernelVolume();
    }

    public long[] inputShape(long batch) {
        return shape(batch, inChannels, inSize());
    }

    public long[] outputShape(long batch) {
        return shape(batch, outChannels, outSize());
    }

    static long[] shape(long batch, int channels, int[] spatial) {
        long[] s = new long[spatial.length + 2];
        s[0] = batch;
        s[1] = channels;
        for (int i = 0; i < spatial.length; i++) {
            s[i + 2] = spatial[i];
        }
        return s;
    }

    /**
     * Multiplications of one sample's forward pass: every (output position, kernel tap) pair that
     * reads an input element, for every output channel and input channel of its group. Taps that
     * fall into the zero padding multiply nothing and are not counted. Validity is separable per
     * axis, so the count is a product of per-axis pair counts.
     */
    public long multiplicationsPerSample() {
        long pairs = 1;
        for (int a = 0; a < AXES; a++) {
            long valid = 0;
            for (int o = 0; o < out[a]; o++) {
                for (int k = 0; k < kernel[a]; k++) {
                    int i = o * stride[a] + k * dilation[a] - padBegin[a];
                    if (i >= 0 && i < in[a]) {
                        valid++;
                    }
                }
            }
            pairs *= valid;
        }
        return pairs * outChannels * (inChannels / groups);
    }

    /** Kernel sizes, {@code rank} values. */
    public int[] kernel() {
        return Arrays.copyOfRange(kernel, AXES - rank, AXES);
    }

    public int[] stride() {
        return Arrays.copyOfRange(stride, AXES - rank, AXES);
    }

    /** Zero padding at the start of each axis, {@code rank} values. */
    public int[] padBegin() {
        return Arrays.copyOfRange(padBegin, AXES - rank, AXES);
    }

    public int[] dilation() {
        return Arrays.copyOfRange(dilation, AXES - rank, AXES);
    }

    /** True when some axis has dilation above 1. */
    public boolean dilated() {
        return dilation[0] > 1 || dilation[1] > 1 || dilation[2] > 1;
    }

    /**
     * True when padding every axis by its start padding on both sides gives this geometry's output
     * size: the only padding that ND4J's ops take. The end padding may differ where the last rows
     * are never read (a strided window that stops early), not where it adds or removes an output.
     */
    public boolean symmetricPadding() {
        for (int a = 0; a < AXES; a++) {
            int span = dilation[a] * (kernel[a] - 1) + 1;
            int size = in[a] + 2 * padBegin[a] - span;
            if (size < 0 || size / stride[a] + 1 != out[a]) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the transposed convolution of this geometry, at ND4J's output size
     * {@code (out-1)s - 2p + d(k-1) + 1}, lands exactly on this geometry's input size: no output padding.
     */
    public boolean transposeFitsWithoutOutputPadding() {
        for (int a = 0; a < AXES; a++) {
            int span = dilation[a] * (kernel[a] - 1) + 1;
            if ((out[a] - 1) * stride[a] - 2 * padBegin[a] + span != in[a]) {
                return false;
            }
        }
        return true;
    }

    /** A [rows, cols] view sharing {@code a}'s memory, so that GEMM can accumulate into it. */
    static org.nd4j.linalg.api.ndarray.INDArray matrixView(org.nd4j.linalg.api.ndarray.INDArray a, int rows,
            int cols) {
        if (a.isView() || a.ordering() != 'c') {
            throw new IllegalArgumentException("the gradient accumulator must be a contiguous c-order array");
        }
        return a.reshape('c', rows, cols);
    }

    @Override
    public String toString() {
        return rank + "d " + inChannels + "->" + outChannels + " in=" + Arrays.toString(inSize()) + " k="
                + Arrays.toString(kernel()) + " s=" + Arrays.toString(stride()) + " p=" + Arrays.toString(padBegin())
                + " d=" + Arrays.toString(dilation()) + " groups=" + groups;
    }

    synchronized LoweringPlan plan() {
        if (plan == null) {
            plan = new LoweringPlan(this);
        }
        return plan;
    }
}
