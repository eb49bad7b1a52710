package org.convlab.train;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.convlab.data.DataSet;

/**
 * The mini-batches of a {@link DataSet} for the {@link Trainer}: consecutive slices of {@code batchSize}
 * examples (the last one smaller) in data order, or, when shuffled, in an order drawn from the
 * epoch seed the trainer passes, so the data order follows the trainer's seed. Class labels become
 * an INT32 vector, array targets are passed on.
 */
public final class DataSetBatches implements BatchSource {
    private final DataSet data;
    private final int batchSize;
    private final boolean shuffle;

    public DataSetBatches(DataSet data, int batchSize, boolean shuffle) {
        if (data == null) {
            throw new IllegalArgumentException("DataSetBatches: expected a data set, got null");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("DataSetBatches: the batch size must be >= 1, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
    }

    @Override
    public Iterable<MiniBatch> epoch(int epoch, long epochSeed) {
        return () -> batches(epoch, epochSeed, 0);
    }

    /** Starts at batch {@code firstBatch} directly: no earlier batch is gathered. */
    @Override
    public Iterator<MiniBatch> batches(int epoch, long epochSeed, int firstBatch) {
        int[] order = order(epochSeed);
        return new Iterator<>() {
            private int start = Math.min(order.length, (int) Math.min(Integer.MAX_VALUE, (long) firstBatch * batchSize));

            @Override
            public boolean hasNext() {
                return start < order.length;
            }

            @Override
            public MiniBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the epoch has no more batches");
                }
                int end = Math.min(start + batchSize, order.length);
                DataSet slice = data.select(Arrays.copyOfRange(order, start, end));
                start = end;
                return slice.hasLabels() ? new MiniBatch(slice.features(), slice.labels())
                        : new MiniBatch(slice.features(), slice.targets());
            }
        };
    }

    @Override
    public int batchesPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    // A Fisher-Yates shuffle from the epoch's seed alone: epoch e of a resumed run gets epoch e's order.
    private int[] order(long epochSeed) {
        int[] order = new int[data.size()];
        Arrays.setAll(order, i -> i);
        if (shuffle) {
            SplittableRandom rng = new SplittableRandom(epochSeed);
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }
}
