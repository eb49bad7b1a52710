package org.convlab.data;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-channel standardisation {@code (x - mean_c) / std_c} for channels-first features. Fit it on
 * the training part only and apply it to every part, so that no statistic leaks from validation or
 * test data into training.
 *
 * <pre>{@code
 * Split s = data.split(0.1, 7);
 * ChannelNormalizer norm = ChannelNormalizer.fit(s.train());
 * DataSet train = norm.apply(s.train()), val = norm.apply(s.validation());
 * }</pre>
 */
public final class ChannelNormalizer {
    private final double[] mean;
    private final double[] std;

    private ChannelNormalizer(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    /** Statistics of the features of {@code train}, per channel (axis 1). */
    public static ChannelNormalizer fit(DataSet train) {
        return fit(train.features());
    }

    /**
     * Statistics of {@code features} [N, C, ...], per channel, accumulated in double. The
     * standard deviation is the population one; a constant channel gets 1 so it is only centred.
     */
    public static ChannelNormalizer fit(INDArray features) {
        if (features.rank() < 2 || features.size(0) == 0) {
            throw new IllegalArgumentException("features: expected a non-empty [N, C, ...] array, found "
                + Arrays.toString(features.shape()));
        }
        int n = (int) features.size(0);
        int c = (int) features.size(1);
        int spatial = (int) (features.length() / ((long) n * c));
        double[] v = Rows.contiguous(features).data().asDouble();
        double[] sum = new double[c];
        double[] sumSq = new double[c];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * spatial;
                double s = 0;
                double s2 = 0;
                for (int k = 0; k < spatial; k++) {
                    double x = v[base + k];
                    s += x;
                    s2 += x * x;
                }
                sum[ch] += s;
                sumSq[ch] += s2;
            }
        }
        double count = (double) n * spatial;
        double[] mean = new double[c];
        double[] std = new double[c];
        for (int ch = 0; ch < c; ch++) {
            mean[ch] = sum[ch] / count;
            double var = Math.max(0, sumSq[ch] / count - mean[ch] * mean[ch]);
            std[ch] = var > 1e-24 ? Math.sqrt(var) : 1;
        }
        return new ChannelNormalizer(mean, std);
    }

    /** Per-channel means (copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Per-channel standard deviations (copy). */
    public double[] std() {
        return std.clone();
    }

    /** Normalised copy of {@code features} [N, C, ...], in their data type. */
    public INDArray apply(INDArray features) {
        if (features.rank() < 2 || features.size(1) != mean.length) {
            throw new IllegalArgumentException("features: expected [N, " + mean.length + ", ...], found "
                + Arrays.toString(features.shape()));
        }
        DataType type = features.dataType();
        INDArray m = Nd4j.createFromArray(mean).castTo(type);
        INDArray s = Nd4j.createFromArray(std).castTo(type);
        INDArray out = features.dup('c');
        Broadcast.sub(out, m, out, 1);
        Broadcast.div(out, s, out, 1);
        return out;
    }

    /** The same data set with normalised features. */
    public DataSet apply(DataSet data) {
        return data.withFeatures(apply(data.features()));
    }
}
