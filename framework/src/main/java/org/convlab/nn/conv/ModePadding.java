package org.convlab.nn.conv;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The explicit pad step of the non-zero padding modes. Padding one axis is a linear map: a 0/1
 * selection matrix {@code S} ({@code padded x size}) whose row {@code i} picks the source element of
 * padded position {@code i}. Padding is {@code x ×_axis S}, and its exact adjoint, which folds the
 * gradient of the border back onto the elements it was copied from, is {@code g ×_axis S^T}.
 */
final class ModePadding {
    private ModePadding() {
    }

    /** Pads every spatial axis of {@code x} ([N, C, spatial...]) by {@code before[a]}, {@code after[a]}. */
    static INDArray pad(INDArray x, int[] before, int[] after, PaddingMode mode) {
        INDArray y = x;
        for (int a = 0; a < before.length; a++) {
            INDArray s = selection((int) x.size(2 + a), before[a], after[a], mode, x.dataType());
            // Contracting axis 2 moves the padded axis to the end, so after every spatial axis
            // has been contracted once the axes are back in their original order.
            y = Nd4j.tensorMmul(y, s, new int[][] {{2}, {1}});
        }
        return y;
    }

    /** The adjoint of {@link #pad}: the gradient with respect to the unpadded input. */
    static INDArray unpadGradient(INDArray gradPadded, int[] size, int[] before, int[] after, PaddingMode mode) {
        INDArray g = gradPadded;
        for (int a = 0; a < before.length; a++) {
            INDArray s = selection(size[a], before[a], after[a], mode, gradPadded.dataType());
            g = Nd4j.tensorMmul(g, s, new int[][] {{2}, {0}});
        }
        return g;
    }

    /** The source index of every padded position on one axis of length {@code size}. */
    static int[] sourceIndices(int size, int before, int after, PaddingMode mode) {
        int[] src = new int[before + size + after];
        for (int i = 0; i < src.length; i++) {
            int j = i - before;
            src[i] = switch (mode) {
                case REFLECT -> reflect(j, size);
                case REPLICATE -> Math.min(Math.max(j, 0), size - 1);
                case CIRCULAR -> Math.floorMod(j, size);
                case ZEROS -> throw new IllegalArgumentException("zero padding has no source indices");
            };
        }
        return src;
    }

    private static int reflect(int j, int size) {
        if (size == 1) {
            return 0;
        }
        int period = 2 * (size - 1);
        int m = Math.floorMod(j, period);
        return m < size ? m : period - m;
    }

    private static INDArray selection(int size, int before, int after, PaddingMode mode, DataType type) {
        int[] src = sourceIndices(size, before, after, mode);
        double[] s = new double[src.length * size];
        for (int i = 0; i < src.length; i++) {
            s[i * size + src[i]] = 1;
        }
        return Nd4j.create(s, new long[] {src.length, size}, 'c').castTo(type);
    }
}
