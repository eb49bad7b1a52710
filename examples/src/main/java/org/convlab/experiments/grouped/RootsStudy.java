package org.convlab.experiments.grouped;

import org.convlab.data.DataSet;
import org.convlab.experiments.Progress;
import org.convlab.experiments.support.PermutationTest;
import org.convlab.nn.Parameter;

/**
 * The measuring part of the Deep Roots comparison: for every seed and group count, a {@link RootNet}
 * is scored at initialisation, trained on the same data with the same budget, scored again on test
 * images against its relabelling null, and its accuracies recorded. The 1-group network is also
 * scored with each group count's partition, as the control a block score is compared with.
 */
final class RootsStudy {

    /** What one trained network gave. */
    record Run(int seed, int groups, double score, double initialScore, PermutationTest nullTest,
            double testAccuracy, double trainAccuracy, long parameters, double[][] matrix) {
    }

    /**
     * The settings of the study.
     *
     * @param width channels of the 1x1 and of the grouped layer
     * @param groups group counts, 1 first
     * @param seeds training seeds
     * @param epochs passes over the training images
     * @param permutations relabellings in each null
     */
    record Plan(int width, int[] groups, int seeds, int epochs, int permutations) {
    }

    final Plan plan;
    /** runs[s][i]: seed s, group count plan.groups[i]. */
    final Run[][] runs;
    /** control[s][i]: the 1-group network of seed s scored with the partition into plan.groups[i]. */
    final double[][] control;

    private RootsStudy(Plan plan, Run[][] runs, double[][] control) {
        this.plan = plan;
        this.runs = runs;
        this.control = control;
    }

    static RootsStudy measure(Plan plan, DataSet train, DataSet trainProbe, DataSet test, long seed,
            Progress progress, org.slf4j.Logger log) {
        long trainingNanos = 0;
        long scoringNanos = 0;
        if (plan.groups()[0] != 1) {
            throw new IllegalArgumentException("the first group count must be 1 (the control), got " + plan.groups()[0]);
        }
        Run[][] runs = new Run[plan.seeds()][plan.groups().length];
        double[][] control = new double[plan.seeds()][plan.groups().length];
        for (int s = 0; s < plan.seeds(); s++) {
            long runSeed = seed + 7919L * s;
            for (int i = 0; i < plan.groups().length; i++) {
                int g = plan.groups()[i];
                RootNet net = new RootNet(plan.width(), g, runSeed + 1000L * g);
                long t0 = System.nanoTime();
                double[][] initial = matrix(net, test);
                long t1 = System.nanoTime();
                ClassifierTraining.train(net.model, train, plan.epochs(), 32, 0.01, 1e-4, runSeed + 17, progress);
                long t2 = System.nanoTime();
                double[][] trained = matrix(net, test);
                trainingNanos += t2 - t1;
                scoringNanos += t1 - t0 + System.nanoTime() - t2;
                PermutationTest nullTest = g == 1 ? null
                        : BlockCorrelation.relabellingNull(trained, g, plan.permutations(), runSeed + 31L * g);
                runs[s][i] = new Run(s, g, g == 1 ? Double.NaN : BlockCorrelation.blockScore(trained, g),
                        g == 1 ? Double.NaN : BlockCorrelation.blockScore(initial, g), nullTest,
                        ClassifierTraining.accuracy(net.model, test), ClassifierTraining.accuracy(net.model, trainProbe),
                        count(net), trained);
            }
            for (int i = 0; i < plan.groups().length; i++) {
                int g = plan.groups()[i];
                control[s][i] = g == 1 ? Double.NaN : BlockCorrelation.blockScore(runs[s][0].matrix(), g);
            }
        }
        log.debug("training {} s, scoring {} s (responses, whitening, nulls, accuracies)", trainingNanos / 1e9,
                scoringNanos / 1e9);
        return new RootsStudy(plan, runs, control);
    }

    private static double[][] matrix(RootNet net, DataSet images) {
        RootNet.Responses r = net.responses(images.features());
        return BlockCorrelation.whitenedCrossCovariance(r.a(), r.b());
    }

    private static long count(RootNet net) {
        long n = 0;
        for (Parameter p : net.model.parameters()) {
            n += p.value().length();
        }
        return n;
    }

    /** The values of one group count (index i) over the seeds. */
    double[] overSeeds(int i, java.util.function.ToDoubleFunction<Run> value) {
        double[] v = new double[plan.seeds()];
        for (int s = 0; s < v.length; s++) {
            v[s] = value.applyAsDouble(runs[s][i]);
        }
        return v;
    }

    /** Training steps of {@link #measure}, for the progress bar. */
    static long steps(Plan plan, int trainSize) {
        return (long) plan.seeds() * plan.groups().length * ClassifierTraining.steps(trainSize, plan.epochs(), 32);
    }
}
