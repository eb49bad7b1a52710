package org.convlab.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Dice coefficient of a binary segmentation, {@code 2 |P ∩ T| / (|P| + |T|)}, over every pixel
 * (voxel) of every batch: P are the predicted foreground elements (score above the threshold), T the
 * target elements above 0.5. By default predictions are logits (threshold 0, i.e. probability 0.5);
 * an empty prediction of an empty target scores 1.
 */
public final class Dice implements Metric {
    private final double threshold;

    /** For logits: foreground where the logit is above 0. */
    public Dice() {
        this(0);
    }

    /** Foreground where the prediction is above {@code threshold} (0.5 for probabilities). */
    public Dice(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return "dice";
    }

    @Override
    public Accumulator start() {
        return new Accumulator() {
            private long intersection;
            private long predicted;
            private long actual;
            private boolean any;

            @Override
            public void add(INDArray prediction, INDArray target) {
                MetricArrays.requireSameShape("dice", prediction, target);
                double[] p = MetricArrays.doubles(prediction);
                double[] t = MetricArrays.doubles(target);
                for (int i = 0; i < p.length; i++) {
                    boolean inP = p[i] > threshold;
                    boolean inT = t[i] > 0.5;
                    predicted += inP ? 1 : 0;
                    actual += inT ? 1 : 0;
                    intersection += inP && inT ? 1 : 0;
                }
                any = true;
            }

            @Override
            public double value() {
                if (!any) {
                    return Double.NaN;
                }
                return predicted + actual == 0 ? 1 : 2.0 * intersection / (predicted + actual);
            }

            @Override
            public double[] state() {
                return new double[] {intersection, predicted, actual, any ? 1 : 0};
            }

            @Override
            public void restore(double[] state) {
                MetricArrays.requireStateLength("dice", state, 4);
                intersection = (long) state[0];
                predicted = (long) state[1];
                actual = (long) state[2];
                any = state[3] != 0;
            }
        };
    }
}
