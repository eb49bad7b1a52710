package org.convlab.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Mini-batches over a {@link DataSet}, epoch by epoch. Each epoch visits every example exactly once
 * (the last, smaller batch is dropped when {@code dropLast} is set); with shuffling on, the order of
 * epoch {@code e} depends only on the seed and {@code e}, so a run can be replayed.
 *
 * <pre>{@code
 * BatchIterator batches = BatchIterator.builder(train, 64).shuffle(true).seed(42).build();
 * for (int epoch = 0; epoch < 5; epoch++) {
 *     for (Batch b : batches.epoch(epoch)) { model.step(b.features(), b.labels()); }
 * }
 * }</pre>
 */
public final class BatchIterator implements Iterable<Batch> {
    private final DataSet data;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long seed;
    private int nextEpoch;

    private BatchIterator(Builder b) {
        this.data = b.data;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.dropLast = b.dropLast;
        this.seed = b.seed;
    }

    /** Starts a builder; defaults: shuffle on, seed 0, dropLast off. */
    public static Builder builder(DataSet data, int batchSize) {
        return new Builder(data, batchSize);
    }

    /** The number of batches in one epoch. */
    public int batchesPerEpoch() {
        int n = data.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The batches of epoch {@code epoch} (0, 1, ...), reproducible for the same seed. */
    public Iterable<Batch> epoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch: expected >= 0, found " + epoch);
        }
        int[] order = order(epoch);
        return () -> new EpochIterator(order);
    }

    /** The batches of the next epoch: the first call gives epoch 0, the next epoch 1, and so on. */
    @Override
    public Iterator<Batch> iterator() {
        return epoch(nextEpoch++).iterator();
    }

    /** The order in which epoch {@code epoch} visits the examples. */
    int[] order(int epoch) {
        if (!shuffle) {
            int[] order = new int[data.size()];
            Arrays.setAll(order, i -> i);
            return order;
        }
        // One independent stream per epoch, derived from the seed alone: replaying epoch 7 needs
        // no replay of epochs 0-6.
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        return Permutation.shuffled(data.size(), rng);
    }

    private final class EpochIterator implements Iterator<Batch> {
        private final int[] order;
        private int start;

        EpochIterator(int[] order) {
            this.order = order;
        }

        @Override
        public boolean hasNext() {
            int left = order.length - start;
            return dropLast ? left >= batchSize : left > 0;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("epoch finished");
            }
            int end = Math.min(start + batchSize, order.length);
            int[] idx = Arrays.copyOfRange(order, start, end);
            start = end;
            return new Batch(data.select(idx), idx);
        }
    }

    /** Settings of a {@link BatchIterator}. */
    public static final class Builder {
        private final DataSet data;
        private final int batchSize;
        private boolean shuffle = true;
        private boolean dropLast;
        private long seed;

        private Builder(DataSet data, int batchSize) {
            this.data = data;
            this.batchSize = batchSize;
        }

        /** Shuffle the order anew in each epoch (default true). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Drop the last batch of an epoch when it is smaller than the batch size (default false). */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Seed of the shuffles (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public BatchIterator build() {
            if (data == null) {
                throw new IllegalArgumentException("data: expected a data set, found null");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize: expected >= 1, found " + batchSize);
            }
            return new BatchIterator(this);
        }
    }
}
