package org.convlab.data.synth;

import java.util.Arrays;
import org.convlab.data.DataSet;
import org.convlab.data.fashion.FashionMnist;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pairs for 2x super-resolution: the features are images downsampled by averaging each 2x2 block
 * [N, C, H/2, W/2], the targets the original images [N, C, H, W].
 *
 * <pre>{@code
 * DataSet pairs = SuperResolutionPairs.fashionMnist(1000);   // low [1000,1,14,14] -> high [1000,1,28,28]
 * DataSet fields = SuperResolutionPairs.smoothFields(5, 256, 32, 32, 2.0, DataType.FLOAT);
 * }</pre>
 */
public final class SuperResolutionPairs {
    private SuperResolutionPairs() {
    }

    /** Pairs made from {@code highRes} [N, C, H, W] with even H and W, in its data type. */
    public static DataSet of(INDArray highRes) {
        long[] s = highRes.shape();
        if (s.length != 4 || s[2] % 2 != 0 || s[3] % 2 != 0) {
            throw new IllegalArgumentException("highRes: expected [N, C, H, W] with even H and W, found "
                + Arrays.toString(s));
        }
        DataType type = highRes.dataType();
        Arrays2Nd.checkType(type);
        double[] v = highRes.dup('c').data().asDouble();
        int planes = (int) (s[0] * s[1]);
        int h = (int) s[2];
        int w = (int) s[3];
        double[] low = downsample2x(v, planes, h, w);
        return DataSet.ofTargets(Arrays2Nd.create(low, type, s[0], s[1], h / 2, w / 2), highRes);
    }

    /** Pairs from the first {@code count} Fashion-MNIST training images (FLOAT; see {@link FashionMnist#load()}). */
    public static DataSet fashionMnist(int count) {
        return of(FashionMnist.load().train().head(count).features());
    }

    /** Pairs from seeded smooth random fields of correlation length {@code sigma} pixels, one channel. */
    public static DataSet smoothFields(long seed, int n, int height, int width, double sigma, DataType type) {
        return of(RandomImages.smoothField(seed, n, 1, height, width, sigma, type));
    }

    /** Mean of every 2x2 block of each plane. */
    static double[] downsample2x(double[] v, int planes, int h, int w) {
        int h2 = h / 2;
        int w2 = w / 2;
        double[] out = new double[planes * h2 * w2];
        for (int p = 0; p < planes; p++) {
            int in = p * h * w;
            int o = p * h2 * w2;
            for (int y = 0; y < h2; y++) {
                int r0 = in + 2 * y * w;
                int r1 = r0 + w;
                for (int x = 0; x < w2; x++) {
                    out[o + y * w2 + x] = 0.25 * (v[r0 + 2 * x] + v[r0 + 2 * x + 1] + v[r1 + 2 * x] + v[r1 + 2 * x + 1]);
                }
            }
        }
        return out;
    }
}
