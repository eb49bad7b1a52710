package org.convlab.nn.layers;

/** Avg pooling over the length of {@code [N, C, L]}; see {@link AvgPool}. Stride defaults to the kernel. */
public final class AvgPool1d extends AvgPool {
    public AvgPool1d(int kernel) {
        this(kernel, kernel, 0);
    }

    public AvgPool1d(int kernel, int stride) {
        this(kernel, stride, 0);
    }

    public AvgPool1d(int kernel, int stride, int padding) {
        super(1, new int[] {kernel}, new int[] {stride}, new int[] {padding});
    }
}
