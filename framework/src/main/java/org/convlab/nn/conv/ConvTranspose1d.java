package org.convlab.nn.conv;

/**
 * The transposed convolution on [N, C, L] inputs, the adjoint of {@link Conv1d}: weight
 * [in, out/groups, k...], bias [out].
 *
 * <pre>{@code ConvTranspose1d up = ConvTranspose1d.builder(8, 4, 4).stride(2).padding(1).build(); // doubles the size}</pre>
 */
public final class ConvTranspose1d extends ConvTransposeLayer {
    ConvTranspose1d(ConvSpec spec) {
        super(spec);
    }

    public static Builder builder(int inChannels, int outChannels, int... kernel) {
        return new Builder(inChannels, outChannels, kernel);
    }

    /** Options as PyTorch's ConvTranspose1d; defaults stride 1, padding 0, outputPadding 0, dilation 1, groups 1, bias on. */
    public static final class Builder extends ConvTransposeBuilder<Builder, ConvTranspose1d> {
        Builder(int in, int out, int... kernel) {
            super("ConvTranspose1d", 1, in, out, kernel);
        }

        @Override
        public ConvTranspose1d build() {
            return withEngine(new ConvTranspose1d(spec()));
        }
    }
}
