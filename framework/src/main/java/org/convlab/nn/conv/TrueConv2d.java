package org.convlab.nn.conv;


/**
 * The signal-processing convolution on [N, C, H, W] inputs: {@code (f * g)(p) = sum_t f(p - t) g(t)},
 * computed as the cross-correlation with the stored kernel {@code g} flipped on every spatial axis.
 * The weight gradient is with respect to the stored (unflipped) {@code g}.
 */
public final class TrueConv2d extends ConvLayer {
    TrueConv2d(ConvSpec spec) {
        super(spec, true, null);
    }

    public static Builder builder(int inChannels, int outChannels, int... kernel) {
        return new Builder(inChannels, outChannels, kernel);
    }

    /** The same options as {@link Conv2d.Builder}. */
    public static final class Builder extends ConvBuilder<Builder, TrueConv2d> {
        Builder(int in, int out, int... kernel) {
            super("TrueConv2d", 2, in, out, kernel);
        }

        @Override
        public TrueConv2d build() {
            return withEngine(new TrueConv2d(spec()));
        }
    }
}
