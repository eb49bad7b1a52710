package org.convlab.nn.layers;

/** Max pooling over the length of {@code [N, C, L]}; see {@link MaxPool}. Stride defaults to the kernel. */
public final class MaxPool1d extends MaxPool {
    public MaxPool1d(int kernel) {
        this(kernel, kernel, 0);
    }

    public MaxPool1d(int kernel, int stride) {
        this(kernel, stride, 0);
    }

    public MaxPool1d(int kernel, int stride, int padding) {
        super(1, new int[] {kernel}, new int[] {stride}, new int[] {padding});
    }
}
