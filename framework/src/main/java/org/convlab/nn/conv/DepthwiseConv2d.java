package org.convlab.nn.conv;


/**
 * One filter per input channel (times a depth multiplier m): a {@link Conv2d} with
 * {@code groups = channels}, where output channel {@code c*m + j} reads only input channel
 * {@code c}. Weight [channels*m, 1, kH, kW], bias [channels*m].
 */
public final class DepthwiseConv2d extends ConvLayer {
    DepthwiseConv2d(ConvSpec spec) {
        super(spec, false, null);
    }

    public static Builder builder(int channels, int... kernel) {
        return new Builder(channels, kernel);
    }

    public int depthMultiplier() {
        return spec.outChannels() / spec.inChannels();
    }

    /** The {@link Conv2d} options but groups, plus the depth multiplier (default 1). */
    public static final class Builder extends ConvBuilder<Builder, DepthwiseConv2d> {
        private int multiplier = 1;

        Builder(int channels, int... kernel) {
            super("DepthwiseConv2d", 2, channels, channels, kernel);
            this.groups = channels;
        }

        /** Filters per input channel: output channels = channels * m. */
        public Builder depthMultiplier(int m) {
            this.multiplier = m;
            return this;
        }

        /** Not an option here: the groups are the channels. */
        @Override
        public Builder groups(int groups) {
            throw new IllegalArgumentException("DepthwiseConv2d: groups is always the channel count (" + inChannels
                    + "); use Conv2d or GroupedConv2d for other groupings, got groups=" + groups);
        }

        @Override
        public DepthwiseConv2d build() {
            positive("depth multiplier", multiplier);
            outChannels = inChannels * multiplier;
            return withEngine(new DepthwiseConv2d(spec()));
        }
    }
}
