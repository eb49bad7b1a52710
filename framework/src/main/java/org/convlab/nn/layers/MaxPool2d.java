package org.convlab.nn.layers;

/**
 * Max pooling over the spatial axes of {@code [N, C, H, W]}; see {@link MaxPool}. Stride defaults to
 * the kernel. The array forms take one value per axis (H, W), or one value for all.
 */
public final class MaxPool2d extends MaxPool {
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    public MaxPool2d(int kernel, int stride) {
        this(kernel, stride, 0);
    }

    public MaxPool2d(int kernel, int stride, int padding) {
        this(new int[] {kernel}, new int[] {stride}, new int[] {padding});
    }

    public MaxPool2d(int[] kernel, int[] stride, int[] padding) {
        super(2, kernel, stride, padding);
    }
}
