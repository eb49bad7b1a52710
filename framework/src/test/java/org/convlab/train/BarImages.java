package org.convlab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A two-class image set made in the tests: class 0 has a bright vertical bar, class 1 a bright
 * horizontal bar, at a random position, on Gaussian noise. Served as a {@link BatchSource} that
 * shuffles each epoch with the epoch seed it is given.
 */
public final class BarImages implements BatchSource {
    private final int size;
    private final int count;
    private final int batchSize;
    private final float[][] images;
    private final int[] labels;

    public BarImages(int count, int size, int batchSize, long seed, double noise) {
        this.size = size;
        this.count = count;
        this.batchSize = batchSize;
        this.images = new float[count][size * size];
        this.labels = new int[count];
        SplittableRandom rng = new SplittableRandom(seed);
        java.util.Random gauss = new java.util.Random(seed);
        for (int n = 0; n < count; n++) {
            labels[n] = n % 2;
            int at = rng.nextInt(size);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    boolean onBar = labels[n] == 0 ? x == at : y == at;
                    images[n][y * size + x] = (float) ((onBar ? 1 : 0) + noise * gauss.nextGaussian());
                }
            }
        }
    }

    @Override
    public Iterable<MiniBatch> epoch(int epoch, long epochSeed) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(epochSeed);
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<MiniBatch> batches = new ArrayList<>();
        for (int start = 0; start < count; start += batchSize) {
            int n = Math.min(batchSize, count - start);
            float[] x = new float[n * size * size];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(images[order[start + i]], 0, x, i * size * size, size * size);
                y[i] = labels[order[start + i]];
            }
            batches.add(new MiniBatch(Nd4j.create(x, new long[] {n, 1, size, size}, 'c'), y));
        }
        return batches;
    }

    @Override
    public int batchesPerEpoch() {
        return (count + batchSize - 1) / batchSize;
    }

    /** The same examples in a fixed order (for evaluation). */
    public BatchSource unshuffled() {
        List<MiniBatch> all = new ArrayList<>();
        epoch(0, 0).forEach(all::add);
        return BatchSource.fixed(all);
    }
}
