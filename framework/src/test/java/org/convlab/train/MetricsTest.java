package org.convlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class MetricsTest {

    @Test
    void accuracyCountsArgmaxHitsOverAllBatches() {
        Metric.Accumulator a = new Accuracy().start();
        a.add(Nd4j.createFromArray(new float[][] {{2, 1}, {0, 3}, {5, 4}}), Nd4j.createFromArray(0, 1, 1));
        a.add(Nd4j.createFromArray(new float[][] {{0, 1}}), Nd4j.createFromArray(new float[][] {{0, 1}}));
        assertEquals(3.0 / 4, a.value(), 0);
    }

    @Test
    void diceIsTwiceTheOverlapOverTheSizes() {
        Metric.Accumulator d = new Dice().start();
        // Predicted foreground (logit > 0): positions 0, 1, 2; target: 1, 2, 3 -> overlap 2.
        d.add(Nd4j.createFromArray(new float[] {3, 1, 2, -1, -2}).reshape(1, 1, 5),
                Nd4j.createFromArray(new float[] {0, 1, 1, 1, 0}).reshape(1, 1, 5));
        assertEquals(2.0 * 2 / (3 + 3), d.value(), 1e-15);
    }

    @Test
    void psnrIsTenLogOfPeakSquaredOverMsePerImageAveraged() {
        Metric.Accumulator p = new Psnr().start();
        // Image 1: MSE 0.01 -> 20 dB; image 2: MSE 0.0001 -> 40 dB.
        p.add(Nd4j.createFromArray(new double[][] {{0.1, 0.1}, {0.01, 0.01}}),
                Nd4j.createFromArray(new double[][] {{0, 0}, {0, 0}}));
        assertEquals(30, p.value(), 1e-9);
    }
}
