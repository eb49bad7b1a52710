package org.convlab.nn.conv;


/**
 * The dilated (atrous) convolution {@code (F *_l k)(p) = sum_{s + l t = p} F(s) k(t)}: a
 * {@link Conv2d} whose kernel taps are {@code rate} pixels apart, so a k x k kernel covers
 * {@code rate(k-1)+1} pixels per axis with k*k weights. {@code rate = 1} is the standard convolution.
 */
public final class DilatedConv2d extends ConvLayer {
    DilatedConv2d(ConvSpec spec) {
        super(spec, false, null);
    }

    public static Builder builder(int inChannels, int outChannels, int kernel, int rate) {
        return new Builder(inChannels, outChannels, kernel, rate);
    }

    /** The dilation rate. */
    public int rate() {
        return spec.dilation()[0];
    }

    /** The extent the dilated kernel covers on each axis: {@code rate(k-1)+1}. */
    public int effectiveKernelSize() {
        return spec.effectiveKernel()[0];
    }

    /** The {@link Conv2d} options; the dilation is the rate. */
    public static final class Builder extends ConvBuilder<Builder, DilatedConv2d> {
        private final int rate;

        Builder(int in, int out, int kernel, int rate) {
            super("DilatedConv2d", 2, in, out, kernel);
            this.rate = rate;
        }

        @Override
        public DilatedConv2d build() {
            positive("rate", rate);
            dilation(rate);
            return withEngine(new DilatedConv2d(spec()));
        }
    }
}
