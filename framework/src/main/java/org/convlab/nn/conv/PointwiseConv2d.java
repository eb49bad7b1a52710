package org.convlab.nn.conv;


/**
 * The 1x1 convolution: at every pixel, a matrix product over channels,
 * {@code y[n, :, h, w] = W x[n, :, h, w] + b}. It needs no lowering: each sample is one GEMM
 * of the weight [out, in] with the input viewed as [in, H*W]. Weight [out, in, 1, 1], bias [out].
 */
public final class PointwiseConv2d extends ConvLayer {
    PointwiseConv2d(ConvSpec spec) {
        super(spec, false, null);
    }

    public static Builder builder(int inChannels, int outChannels) {
        return new Builder(inChannels, outChannels);
    }

    /** Options: bias, data type, seed. */
    public static final class Builder extends ConvBuilder<Builder, PointwiseConv2d> {
        Builder(int in, int out) {
            super("PointwiseConv2d", 2, in, out, 1);
        }

        @Override
        public PointwiseConv2d build() {
            return withEngine(new PointwiseConv2d(spec()));
        }
    }
}
