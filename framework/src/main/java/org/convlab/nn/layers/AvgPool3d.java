package org.convlab.nn.layers;

/**
 * Avg pooling over the spatial axes of {@code [N, C, D, H, W]}; see {@link AvgPool}. Stride defaults to
 * the kernel. The array forms take one value per axis (D, H, W), or one value for all.
 */
public final class AvgPool3d extends AvgPool {
    public AvgPool3d(int kernel) {
        this(kernel, kernel, 0);
    }

    public AvgPool3d(int kernel, int stride) {
        this(kernel, stride, 0);
    }

    public AvgPool3d(int kernel, int stride, int padding) {
        this(new int[] {kernel}, new int[] {stride}, new int[] {padding});
    }

    public AvgPool3d(int[] kernel, int[] stride, int[] padding) {
        super(3, kernel, stride, padding);
    }
}
