package org.convlab.nn.conv;


/**
 * The signal-processing convolution on [N, C, L] inputs: {@code (f * g)(p) = sum_t f(p - t) g(t)},
 * computed as the cross-correlation with the stored kernel {@code g} flipped on every spatial axis.
 * The weight gradient is with respect to the stored (unflipped) {@code g}.
 */
public final class TrueConv1d extends ConvLayer {
    TrueConv1d(ConvSpec spec) {
        super(spec, true, null);
    }

    public static Builder builder(int inChannels, int outChannels, int... kernel) {
        return new Builder(inChannels, outChannels, kernel);
    }

    /** The same options as {@link Conv1d.Builder}. */
    public static final class Builder extends ConvBuilder<Builder, TrueConv1d> {
        Builder(int in, int out, int... kernel) {
            super("TrueConv1d", 1, in, out, kernel);
        }

        @Override
        public TrueConv1d build() {
            return withEngine(new TrueConv1d(spec()));
        }
    }
}
