package org.convlab.nn.conv;


/**
 * The signal-processing convolution on [N, C, D, H, W] inputs: {@code (f * g)(p) = sum_t f(p - t) g(t)},
 * computed as the cross-correlation with the stored kernel {@code g} flipped on every spatial axis.
 * The weight gradient is with respect to the stored (unflipped) {@code g}.
 */
public final class TrueConv3d extends ConvLayer {
    TrueConv3d(ConvSpec spec) {
        super(spec, true, null);
    }

    public static Builder builder(int inChannels, int outChannels, int... kernel) {
        return new Builder(inChannels, outChannels, kernel);
    }

    /** The same options as {@link Conv3d.Builder}. */
    public static final class Builder extends ConvBuilder<Builder, TrueConv3d> {
        Builder(int in, int out, int... kernel) {
            super("TrueConv3d", 3, in, out, kernel);
        }

        @Override
        public TrueConv3d build() {
            return withEngine(new TrueConv3d(spec()));
        }
    }
}
