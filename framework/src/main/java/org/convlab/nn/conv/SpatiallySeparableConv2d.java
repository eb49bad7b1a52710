package org.convlab.nn.conv;

import java.util.Arrays;
import org.convlab.nn.Parameter;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A k x k convolution factored into a k x 1 convolution ({@code vertical} [out, in, k, 1], in ->
 * out, with the vertical stride and padding) followed by a 1 x k per-channel convolution
 * ({@code horizontal} [out, 1, 1, k], with the horizontal stride and padding); the bias is added
 * last. It equals a {@link Conv2d} whose kernel for output o and input c is the outer product
 * {@code vertical[o, c] x horizontal[o]} — a rank-1 kernel, e.g. Sobel = [1,2,1]^T x [-1,0,1].
 * Per output pixel it costs 2k multiplications per input channel instead of k^2.
 */
public final class SpatiallySeparableConv2d extends TwoStepConv {

    SpatiallySeparableConv2d(ConvSpec spec, ConvLayer vertical, ConvLayer horizontal) {
        super(spec, vertical, horizontal);
    }

    public static Builder builder(int inChannels, int outChannels, int kernel) {
        return new Builder(inChannels, outChannels, kernel);
    }

    public Parameter vertical() {
        return first.weight();
    }

    public Parameter horizontal() {
        return second.weight();
    }

    /** The bias parameter, or null when built with {@code .bias(false)}. */
    public Parameter bias() {
        return second.bias();
    }

    @Override
    public String name() {
        return "SpatiallySeparableConv2d";
    }

    /** Options: stride and padding (per axis: the vertical ones go to the first step, the horizontal ones to the second), bias, data type, seed. */
    public static final class Builder extends ConvBuilder<Builder, SpatiallySeparableConv2d> {
        Builder(int in, int out, int kernel) {
            super("SpatiallySeparableConv2d", 2, in, out, kernel);
        }

        @Override
        public SpatiallySeparableConv2d build() {
            ConvSpec s = spec();
            requireDefault(kind, "dilation", Arrays.equals(s.dilation(), new int[] {1, 1}));
            requireDefault(kind, "groups", s.groups() == 1);
            requireDefault(kind, "paddingMode", s.paddingMode() == PaddingMode.ZEROS);
            requireDefault(kind, "padding \"same\"/\"valid\"", s.paddingWord() == null);
            int k = s.kernel()[0];
            DataType t = s.dataType();
            ConvSpec v = new ConvSpec(kind + ".vertical", 2, s.inChannels(), s.outChannels(), new int[] {k, 1},
                    new int[] {s.stride()[0], 1}, new int[] {s.padding()[0], 0}, null, new int[] {1, 1},
                    new int[] {0, 0}, 1, false, PaddingMode.ZEROS, t, s.seed());
            ConvSpec h = new ConvSpec(kind + ".horizontal", 2, s.outChannels(), s.outChannels(), new int[] {1, k},
                    new int[] {1, s.stride()[1]}, new int[] {0, s.padding()[1]}, null, new int[] {1, 1},
                    new int[] {0, 0}, s.outChannels(), s.bias(), PaddingMode.ZEROS, t, s.seed() + 2);
            return withEngine(new SpatiallySeparableConv2d(s, new ConvLayer(v, false, null, "vertical"),
                    new ConvLayer(h, false, null, "horizontal")));
        }
    }
}
