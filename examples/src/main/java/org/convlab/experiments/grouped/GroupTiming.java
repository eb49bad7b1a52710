package org.convlab.experiments.grouped;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.convlab.experiments.Progress;
import org.convlab.experiments.support.Stats;
import org.convlab.nn.conv.GroupedConv2d;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Median wall time of forward + backward of a 128->128 grouped 3x3 conv on 16x16 images, groups run
 * one after another and concurrently, with the BLAS on its default threads and held to one. On a CPU
 * the groups compete for the cores a multi-threaded BLAS already uses, so the gain of running them
 * concurrently only shows when the BLAS is single-threaded.
 */
final class GroupTiming {

    /**
     * speedUps[setting][i] and sequentialMs[setting][i] for setting 0 = default BLAS threads, 1 = one
     * thread, group count i; maxDifference between the concurrent and the sequential results.
     */
    record Result(int[] groups, int batch, int repeats, int blasThreads, double[][] speedUps,
            double[][] sequentialMs, double maxDifference) {
    }

    private final int n;
    private final int repeats;
    private final long seed;
    private final INDArray x;
    private final INDArray gradOut;

    private GroupTiming(int n, int repeats, long seed) {
        this.n = n;
        this.repeats = repeats;
        this.seed = seed;
        SplittableRandom rng = new SplittableRandom(seed);
        this.x = uniform(rng, n, 128, 16, 16);
        this.gradOut = uniform(rng, n, 128, 16, 16);
    }

    static Result measure(int[] groups, int n, int repeats, long seed, Progress progress) {
        GroupTiming timing = new GroupTiming(n, repeats, seed);
        double[][] speedUps = new double[2][groups.length];
        double[][] sequentialMs = new double[2][groups.length];
        double difference = 0;
        int defaultBlasThreads = Nd4j.factory().blas().getMaxThreads();
        int defaultEnvThreads = Nd4j.getEnvironment().maxThreads();
        try {
            for (int setting = 0; setting < 2; setting++) {
                Nd4j.factory().blas().setMaxThreads(setting == 0 ? defaultBlasThreads : 1);
                Nd4j.getEnvironment().setMaxThreads(setting == 0 ? defaultEnvThreads : 1);
                for (int i = 0; i < groups.length; i++) {
                    double[] p = timing.compare(groups[i]);
                    sequentialMs[setting][i] = p[0];
                    speedUps[setting][i] = p[0] / p[1];
                    difference = Math.max(difference, p[2]);
                    progress.step();
                }
            }
        } finally {
            Nd4j.factory().blas().setMaxThreads(defaultBlasThreads);
            Nd4j.getEnvironment().setMaxThreads(defaultEnvThreads);
        }
        return new Result(groups, n, repeats, defaultBlasThreads, speedUps, sequentialMs, difference);
    }

    /** {sequential ms, parallel ms, max difference}: medians over the repeats, after one warm-up each. */
    private double[] compare(int groups) {
        GroupedConv2d seq = GroupedConv2d.builder(128, 128, 3, groups).padding(1).seed(seed + groups).build();
        GroupedConv2d par = GroupedConv2d.builder(128, 128, 3, groups).padding(1).seed(seed + groups)
                .parallel(true).build();
        double diff = 0;
        double[] ts = new double[repeats];
        double[] tp = new double[repeats];
        run(seq);
        run(par);
        // Alternate, so that a change of machine load hits both alike.
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            INDArray[] a = run(seq);
            long t1 = System.nanoTime();
            INDArray[] b = run(par);
            long t2 = System.nanoTime();
            ts[r] = (t1 - t0) / 1e6;
            tp[r] = (t2 - t1) / 1e6;
            for (int i = 0; i < a.length; i++) {
                diff = Math.max(diff, Stats.maxAbsDifference(a[i], b[i]));
            }
        }
        return new double[] {Stats.median(ts), Stats.median(tp), diff};
    }

    /** Output, input gradient and weight gradient of one forward + backward. */
    private INDArray[] run(GroupedConv2d conv) {
        conv.weight().zeroGrad();
        conv.bias().zeroGrad();
        INDArray y = conv.forward(x);
        INDArray gx = conv.backward(gradOut);
        return new INDArray[] {y, gx, conv.weight().grad()};
    }

    private static INDArray uniform(SplittableRandom rng, long... shape) {
        float[] v = new float[(int) Arrays.stream(shape).reduce(1, (p, q) -> p * q)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return Nd4j.create(v, shape, 'c');
    }
}
