package org.convlab.nn.conv;

import java.util.Arrays;

/** The options of the transposed convolutions: those of {@link ConvBuilder} plus {@code outputPadding}. */
public abstract class ConvTransposeBuilder<B extends ConvTransposeBuilder<B, L>, L> extends ConvBuilder<B, L> {

    protected ConvTransposeBuilder(String kind, int rank, int inChannels, int outChannels, int... kernel) {
        super(kind, rank, inChannels, outChannels, kernel);
    }

    /**
     * Extra size added at the end of each output axis, to pick among the output sizes that a
     * strided convolution maps to the same input size; smaller than the stride or the dilation.
     */
    public B outputPadding(int... outputPadding) {
        this.outputPadding = outputPadding.clone();
        return self();
    }

    @Override
    protected ConvSpec spec() {
        if (paddingWord != null) {
            throw new IllegalArgumentException(kind + ": padding must be a non-negative int per axis, got \"" + paddingWord
                    + "\" (a transposed convolution has no \"same\"/\"valid\")");
        }
        if (paddingMode != PaddingMode.ZEROS) {
            throw new IllegalArgumentException(kind + ": paddingMode must be ZEROS, got " + paddingMode);
        }
        ConvSpec s = super.spec();
        for (int a = 0; a < rank; a++) {
            int op = s.outputPadding()[a];
            if (op >= s.stride()[a] && op >= s.dilation()[a]) {
                throw new IllegalArgumentException(kind + ": output padding must be smaller than the stride or the dilation"
                        + " on every axis (stride " + Arrays.toString(s.stride()) + ", dilation "
                        + Arrays.toString(s.dilation()) + "), got " + Arrays.toString(s.outputPadding()));
            }
        }
        return s;
    }
}
