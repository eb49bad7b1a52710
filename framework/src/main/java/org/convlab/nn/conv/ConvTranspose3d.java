package org.convlab.nn.conv;

/**
 * The transposed convolution on [N, C, D, H, W] inputs, the adjoint of {@link Conv3d}: weight
 * [in, out/groups, k...], bias [out].
 *
 * <pre>{@code ConvTranspose3d up = ConvTranspose3d.builder(8, 4, 4).stride(2).padding(1).build(); // doubles the size}</pre>
 */
public final class ConvTranspose3d extends ConvTransposeLayer {
    ConvTranspose3d(ConvSpec spec) {
        super(spec);
    }

    public static Builder builder(int inChannels, int outChannels, int... kernel) {
        return new Builder(inChannels, outChannels, kernel);
    }

    /** Options as PyTorch's ConvTranspose3d; defaults stride 1, padding 0, outputPadding 0, dilation 1, groups 1, bias on. */
    public static final class Builder extends ConvTransposeBuilder<Builder, ConvTranspose3d> {
        Builder(int in, int out, int... kernel) {
            super("ConvTranspose3d", 3, in, out, kernel);
        }

        @Override
        public ConvTranspose3d build() {
            return withEngine(new ConvTranspose3d(spec()));
        }
    }
}
