package org.convlab.nn.conv;

/**
 * The transposed convolution on [N, C, H, W] inputs, the adjoint of {@link Conv2d}: weight
 * [in, out/groups, k...], bias [out].
 *
 * <pre>{@code ConvTranspose2d up = ConvTranspose2d.builder(8, 4, 4).stride(2).padding(1).build(); // doubles the size}</pre>
 */
public final class ConvTranspose2d extends ConvTransposeLayer {
    ConvTranspose2d(ConvSpec spec) {
        super(spec);
    }

    public static Builder builder(int inChannels, int outChannels, int... kernel) {
        return new Builder(inChannels, outChannels, kernel);
    }

    /** Options as PyTorch's ConvTranspose2d; defaults stride 1, padding 0, outputPadding 0, dilation 1, groups 1, bias on. */
    public static final class Builder extends ConvTransposeBuilder<Builder, ConvTranspose2d> {
        Builder(int in, int out, int... kernel) {
            super("ConvTranspose2d", 2, in, out, kernel);
        }

        @Override
        public ConvTranspose2d build() {
            return withEngine(new ConvTranspose2d(spec()));
        }
    }
}
