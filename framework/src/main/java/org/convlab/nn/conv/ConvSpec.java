package org.convlab.nn.conv;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The validated settings of a convolution layer, one value per spatial axis. Built by
 * {@link ConvBuilder}; immutable, so a layer can be described, serialised and rebuilt from it.
 *
 * @param kind the layer's class name, used in messages
 * @param padding explicit zero-padding per axis; ignored when {@code paddingWord} is set
 * @param paddingWord {@code "same"}, {@code "valid"} or null
 * @param outputPadding extra size at the end of each axis of a transposed convolution's output (zeros otherwise)
 */
public record ConvSpec(String kind, int rank, int inChannels, int outChannels, int[] kernel, int[] stride,
        int[] padding, String paddingWord, int[] dilation, int[] outputPadding, int groups, boolean bias,
        PaddingMode paddingMode, DataType dataType, long seed) {

    /** Zero padding at the start of each axis for an input of the given spatial size. */
    public int[] padBefore() {
        int[] p = new int[rank];
        for (int a = 0; a < rank; a++) {
            p[a] = "same".equals(paddingWord) ? total(a) / 2 : "valid".equals(paddingWord) ? 0 : padding[a];
        }
        return p;
    }

    /** Zero padding at the end of each axis; "same" puts an odd extra element here, as PyTorch does. */
    public int[] padAfter() {
        int[] p = new int[rank];
        for (int a = 0; a < rank; a++) {
            p[a] = "same".equals(paddingWord) ? total(a) - total(a) / 2
                    : "valid".equals(paddingWord) ? 0 : padding[a];
        }
        return p;
    }

    private int total(int a) {
        return dilation[a] * (kernel[a] - 1);
    }

    /** The kernel's extent on each axis once dilated: {@code d(k-1)+1}. */
    public int[] effectiveKernel() {
        int[] e = new int[rank];
        for (int a = 0; a < rank; a++) {
            e[a] = dilation[a] * (kernel[a] - 1) + 1;
        }
        return e;
    }

    /** A short description for messages: {@code Conv2d(3->8, k=[3, 3])}. */
    public String describe() {
        return kind + "(" + inChannels + "->" + outChannels + ", k=" + Arrays.toString(kernel) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvSpec s && kind.equals(s.kind) && rank == s.rank && inChannels == s.inChannels
                && outChannels == s.outChannels && Arrays.equals(kernel, s.kernel) && Arrays.equals(stride, s.stride)
                && Arrays.equals(padding, s.padding) && java.util.Objects.equals(paddingWord, s.paddingWord)
                && Arrays.equals(dilation, s.dilation) && Arrays.equals(outputPadding, s.outputPadding)
                && groups == s.groups && bias == s.bias && paddingMode == s.paddingMode && dataType == s.dataType
                && seed == s.seed;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, rank, inChannels, outChannels, Arrays.hashCode(kernel),
                Arrays.hashCode(stride), Arrays.hashCode(dilation), groups, seed);
    }

    @Override
    public String toString() {
        return describe() + " stride=" + Arrays.toString(stride) + " padding="
                + (paddingWord != null ? paddingWord : Arrays.toString(padding)) + " dilation="
                + Arrays.toString(dilation) + " groups=" + groups + " bias=" + bias + " mode=" + paddingMode + " "
                + dataType;
    }
}
