package org.convlab.nn.conv;

import org.convlab.nn.Parameter;

/**
 * A depthwise convolution ({@code depthwise} [in*m, 1, kH, kW]: one k x k filter per input
 * channel, with the stride, padding and dilation, no bias) followed by a pointwise 1x1
 * convolution ({@code pointwise} [out, in*m, 1, 1]) that mixes channels and carries the bias.
 * Per output pixel: {@code in*m*kH*kW + out*in*m} multiplications instead of {@code out*in*kH*kW}
 * (MobileNet, Xception).
 */
public final class DepthwiseSeparableConv2d extends TwoStepConv {

    DepthwiseSeparableConv2d(ConvSpec spec, ConvLayer depthwise, ConvLayer pointwise) {
        super(spec, depthwise, pointwise);
    }

    /** Depthwise filters per input channel. */
    public int depthMultiplier() {
        return first.spec().outChannels() / first.spec().inChannels();
    }

    public static Builder builder(int inChannels, int outChannels, int... kernel) {
        return new Builder(inChannels, outChannels, kernel);
    }

    public Parameter depthwise() {
        return first.weight();
    }

    public Parameter pointwise() {
        return second.weight();
    }

    /** The bias parameter, or null when built with {@code .bias(false)}. */
    public Parameter bias() {
        return second.bias();
    }

    @Override
    public String name() {
        return "DepthwiseSeparableConv2d";
    }

    /** Options: depth multiplier, stride, padding, dilation (all of the depthwise step), bias, data type, seed. */
    public static final class Builder extends ConvBuilder<Builder, DepthwiseSeparableConv2d> {
        private int multiplier = 1;

        Builder(int in, int out, int... kernel) {
            super("DepthwiseSeparableConv2d", 2, in, out, kernel);
        }

        public Builder depthMultiplier(int m) {
            this.multiplier = m;
            return this;
        }

        @Override
        public DepthwiseSeparableConv2d build() {
            positive("depth multiplier", multiplier);
            ConvSpec s = spec();
            requireDefault(kind, "groups", s.groups() == 1);
            requireDefault(kind, "paddingMode", s.paddingMode() == PaddingMode.ZEROS);
            int mid = s.inChannels() * multiplier;
            ConvSpec d = new ConvSpec(kind + ".depthwise", 2, s.inChannels(), mid, s.kernel(), s.stride(), s.padding(),
                    s.paddingWord(), s.dilation(), new int[] {0, 0}, s.inChannels(), false, PaddingMode.ZEROS,
                    s.dataType(), s.seed());
            ConvSpec p = new ConvSpec(kind + ".pointwise", 2, mid, s.outChannels(), new int[] {1, 1},
                    new int[] {1, 1}, new int[] {0, 0}, null, new int[] {1, 1}, new int[] {0, 0}, 1, s.bias(),
                    PaddingMode.ZEROS, s.dataType(), s.seed() + 2);
            return withEngine(new DepthwiseSeparableConv2d(s, new ConvLayer(d, false, null, "depthwise"),
                    new ConvLayer(p, false, null, "pointwise")));
        }
    }
}
