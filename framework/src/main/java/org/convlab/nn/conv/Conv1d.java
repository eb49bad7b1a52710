package org.convlab.nn.conv;


/**
 * The deep-learning "convolution" on [N, C, L] inputs: a cross-correlation (the kernel is not
 * flipped). Weight [out, in/groups, k...], bias [out].
 *
 * <pre>{@code Conv1d conv = Conv1d.builder(3, 8, 3).padding(1).build();}</pre>
 */
public final class Conv1d extends ConvLayer {
    Conv1d(ConvSpec spec) {
        super(spec, false, null);
    }

    public static Builder builder(int inChannels, int outChannels, int... kernel) {
        return new Builder(inChannels, outChannels, kernel);
    }

    /** Options as PyTorch's Conv1d; defaults stride 1, padding 0, dilation 1, groups 1, bias on. */
    public static final class Builder extends ConvBuilder<Builder, Conv1d> {
        Builder(int in, int out, int... kernel) {
            super("Conv1d", 1, in, out, kernel);
        }

        @Override
        public Conv1d build() {
            return withEngine(new Conv1d(spec()));
        }
    }
}
