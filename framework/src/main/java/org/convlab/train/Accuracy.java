package org.convlab.train;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fraction of examples whose highest score is the true class: predictions {@code [N, K]}
 * (logits or probabilities) against labels {@code [N]} or one-hot targets {@code [N, K]}.
 */
public final class Accuracy implements Metric {

    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public Accumulator start() {
        return new Accumulator() {
            private long correct;
            private long total;

            @Override
            public void add(INDArray prediction, INDArray target) {
                if (prediction.rank() != 2) {
                    throw new IllegalArgumentException("accuracy: expected predictions [N, K], got "
                            + Arrays.toString(prediction.shape()));
                }
                double[] predicted = MetricArrays.doubles(prediction.argMax(1));
                double[] truth = target.rank() == 2 ? MetricArrays.doubles(target.argMax(1)) : MetricArrays.doubles(target);
                if (truth.length != predicted.length) {
                    throw new IllegalArgumentException("accuracy: expected " + predicted.length + " labels, got target "
                            + Arrays.toString(target.shape()));
                }
                for (int i = 0; i < truth.length; i++) {
                    if (predicted[i] == truth[i]) {
                        correct++;
                    }
                }
                total += truth.length;
            }

            @Override
            public double value() {
                return total == 0 ? Double.NaN : (double) correct / total;
            }

            @Override
            public double[] state() {
                return new double[] {correct, total};
            }

            @Override
            public void restore(double[] state) {
                MetricArrays.requireStateLength("accuracy", state, 2);
                correct = (long) state[0];
                total = (long) state[1];
            }
        };
    }
}
