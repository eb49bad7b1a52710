package org.convlab.data.synth;

import java.util.SplittableRandom;
import org.convlab.data.DataSet;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A two-class toy set for smoke tests: images [N, 1, H, W] with one to three vertical bars (label 0)
 * or horizontal bars (label 1), bar value 1 on background 0, plus Gaussian noise. Classes are
 * balanced (N/2 each, in seeded random order).
 *
 * <pre>{@code
 * DataSet bars = BarImages.generate(1, 200, 16, 16, 0.2, DataType.FLOAT);
 * }</pre>
 */
public final class BarImages {
    public static final int VERTICAL = 0;
    public static final int HORIZONTAL = 1;

    private BarImages() {
    }

    /** {@code n} images of {@code height x width} with noise of standard deviation {@code noise}. */
    public static DataSet generate(long seed, int n, int height, int width, double noise, DataType type) {
        Arrays2Nd.checkPositive("n", n);
        Arrays2Nd.checkType(type);
        if (height < 4 || width < 4) {
            throw new IllegalArgumentException("size: expected height and width >= 4, found " + height + "x" + width);
        }
        if (!(noise >= 0)) {
            throw new IllegalArgumentException("noise: expected >= 0, found " + noise);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] labels = BalancedLabels.draw(n, 2, rng);
        int plane = height * width;
        double[] v = new double[n * plane];
        for (int i = 0; i < n; i++) {
            boolean vertical = labels[i] == VERTICAL;
            int across = vertical ? width : height;
            int bars = 1 + rng.nextInt(3);
            for (int b = 0; b < bars; b++) {
                int thickness = 1 + rng.nextInt(2);
                int pos = rng.nextInt(across - thickness + 1);
                for (int t = pos; t < pos + thickness; t++) {
                    for (int along = 0; along < (vertical ? height : width); along++) {
                        int y = vertical ? along : t;
                        int x = vertical ? t : along;
                        v[i * plane + y * width + x] = 1;
                    }
                }
            }
            for (int k = 0; k < plane; k++) {
                v[i * plane + k] += noise * rng.nextGaussian();
            }
        }
        return DataSet.ofLabels(Arrays2Nd.create(v, type, n, 1, height, width), labels, 2);
    }
}
