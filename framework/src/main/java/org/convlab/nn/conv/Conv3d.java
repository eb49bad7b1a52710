package org.convlab.nn.conv;


/**
 * The deep-learning "convolution" on [N, C, D, H, W] inputs: a cross-correlation (the kernel is not
 * flipped). Weight [out, in/groups, k...], bias [out].
 *
 * <pre>{@code Conv3d conv = Conv3d.builder(3, 8, 3).padding(1).build();}</pre>
 */
public final class Conv3d extends ConvLayer {
    Conv3d(ConvSpec spec) {
        super(spec, false, null);
    }

    public static Builder builder(int inChannels, int outChannels, int... kernel) {
        return new Builder(inChannels, outChannels, kernel);
    }

    /** Options as PyTorch's Conv3d; defaults stride 1, padding 0, dilation 1, groups 1, bias on. */
    public static final class Builder extends ConvBuilder<Builder, Conv3d> {
        Builder(int in, int out, int... kernel) {
            super("Conv3d", 3, in, out, kernel);
        }

        @Override
        public Conv3d build() {
            return withEngine(new Conv3d(spec()));
        }
    }
}
