package org.convlab.experiments.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WhiteningTest {

    /** 2000 samples of 4 strongly correlated channels with different scales. */
    private static INDArray correlated() {
        SplittableRandom rng = new SplittableRandom(11);
        double[][] x = new double[2000][4];
        for (double[] row : x) {
            double common = rng.nextGaussian();
            row[0] = 3 * common + 0.1 * rng.nextGaussian();
            row[1] = common + 0.5 * rng.nextGaussian() + 7;
            row[2] = -2 * common + rng.nextGaussian();
            row[3] = rng.nextGaussian() * 0.2;
        }
        return Nd4j.create(x);
    }

    @Test
    void whitenedResponsesHaveIdentityCovariance() {
        INDArray cov = Whitening.covariance(Whitening.zca(correlated(), 1e-9));
        double err = cov.sub(Nd4j.eye(4).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(err < 1e-6, "max |cov - I| = " + err);
    }

    @Test
    void zcaKeepsWhitenedChannelsAlignedWithTheOriginals() {
        // Unlike a PCA rotation, ZCA is the symmetric whitening: each whitened channel correlates most with its own
        // original channel.
        INDArray x = correlated();
        double[][] w = Whitening.zca(x, 1e-9).transpose().toDoubleMatrix();
        double[][] o = x.transpose().toDoubleMatrix();
        for (int c = 0; c < 4; c++) {
            int best = 0;
            for (int k = 1; k < 4; k++) {
                if (Math.abs(Stats.pearson(w[c], o[k])) > Math.abs(Stats.pearson(w[c], o[best]))) {
                    best = k;
                }
            }
            assertTrue(best == c, "whitened channel " + c + " is closest to original " + best);
        }
    }

    @Test
    void crossCovarianceOfAChannelWithItselfIsItsVariance() {
        INDArray x = Nd4j.createFromArray(new double[][] {{1}, {2}, {3}, {4}});
        assertTrue(Math.abs(Whitening.crossCovariance(x, x).getDouble(0, 0) - 5.0 / 3) < 1e-12);
    }
}
