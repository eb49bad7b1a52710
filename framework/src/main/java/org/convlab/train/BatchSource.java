package org.convlab.train;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The batches of each epoch, for the {@link Trainer}. The same epoch index (and seed) must give
 * the same batches in the same order, so that a run resumed from a checkpoint sees exactly the data
 * of the uninterrupted run. A {@link org.convlab.data.DataSet} needs none: {@link Trainer#fit(
 * org.convlab.data.DataSet, org.convlab.data.DataSet, int)} batches it ({@link DataSetBatches}); other
 * per-epoch sources adapt with {@link #of}.
 */
@FunctionalInterface
public interface BatchSource {

    /**
     * The batches of epoch {@code epoch} (0, 1, ...).
     *
     * @param epochSeed {@link EpochSeeds#of(long, int)} of the trainer's seed and the epoch, for a
     *        source that shuffles with it; a source with its own seed may ignore it
     */
    Iterable<MiniBatch> epoch(int epoch, long epochSeed);

    /**
     * The batches of {@code epoch} from index {@code firstBatch} on (a run resumed in the middle of an
     * epoch). By default the earlier batches are drawn and dropped; a source that can start anywhere
     * overrides this.
     */
    default Iterator<MiniBatch> batches(int epoch, long epochSeed, int firstBatch) {
        Iterator<MiniBatch> it = epoch(epoch, epochSeed).iterator();
        for (int i = 0; i < firstBatch && it.hasNext(); i++) {
            it.next();
        }
        return it;
    }

    /** The number of batches per epoch when known beforehand (for progress bars), else -1. */
    default int batchesPerEpoch() {
        return -1;
    }

    /** Adapts a per-epoch source of any batch type. */
    static <T> BatchSource of(IntFunction<? extends Iterable<T>> epochs, Function<? super T, MiniBatch> convert) {
        return (epoch, seed) -> () -> {
            Iterator<T> it = epochs.apply(epoch).iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public MiniBatch next() {
                    return convert.apply(it.next());
                }
            };
        };
    }

    /** The same batches, in the same order, in every epoch (e.g. a validation set). */
    static BatchSource fixed(List<MiniBatch> batches) {
        List<MiniBatch> copy = List.copyOf(batches);
        return new BatchSource() {
            @Override
            public Iterable<MiniBatch> epoch(int epoch, long epochSeed) {
                return copy;
            }

            @Override
            public int batchesPerEpoch() {
                return copy.size();
            }
        };
    }
}
