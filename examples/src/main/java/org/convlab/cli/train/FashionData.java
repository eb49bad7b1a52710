package org.convlab.cli.train;

import java.nio.file.Files;
import java.nio.file.Path;
import org.convlab.data.BatchIterator;
import org.convlab.data.DataSet;
import org.convlab.data.fashion.FashionMnist;
import org.convlab.train.BatchSource;
import org.convlab.train.MiniBatch;
import org.convlab.train.PrefetchingBatchSource;

/** The {@code --data} choice: Fashion-MNIST found as {@link FashionMnist#load()} does, the shipped subset, or a directory. */
final class FashionData {
    static final String DEFAULT = "fashion-mnist";
    static final String SHIPPED = "shipped";
    static final String DESCRIPTION = "'" + DEFAULT + "' (CONVLAB_DATA, /usr/share/datasets/fashion-mnist, else the "
            + "shipped 10k/2k subset), '" + SHIPPED + "' (always the subset) or a directory with the four files";

    private FashionData() {
    }

    static FashionMnist load(String data) {
        if (data.equals(DEFAULT)) {
            return FashionMnist.load();
        }
        if (data.equals(SHIPPED)) {
            return FashionMnist.shipped();
        }
        Path dir = Path.of(data);
        if (!Files.isDirectory(dir)) {
            throw new CommandFailure("--data " + data + ": no such directory (expected " + DESCRIPTION + ")");
        }
        return FashionMnist.load(dir);
    }

    /** The first {@code limit} examples, or all when {@code limit} is null. */
    static DataSet head(DataSet data, Integer limit) {
        return limit == null || limit >= data.size() ? data : data.head(limit);
    }

    /**
     * Shuffled batches, the order fixed by the seed and the epoch (as a resumed run needs), assembled
     * two ahead on a background thread while the previous step trains.
     */
    static BatchSource shuffled(DataSet data, int batchSize, long seed) {
        BatchIterator batches = BatchIterator.builder(data, batchSize).shuffle(true).seed(seed).build();
        BatchSource source = PrefetchingBatchSource.of(
                BatchSource.of(batches::epoch, b -> new MiniBatch(b.features(), b.labels())), 2);
        return new BatchSource() {
            @Override
            public Iterable<MiniBatch> epoch(int epoch, long epochSeed) {
                return source.epoch(epoch, epochSeed);
            }

            @Override
            public int batchesPerEpoch() {
                return batches.batchesPerEpoch();
            }
        };
    }

    /** The same batches in data order every epoch, for evaluation. */
    static BatchSource inOrder(DataSet data, int batchSize) {
        BatchIterator batches = BatchIterator.builder(data, batchSize).shuffle(false).build();
        java.util.List<MiniBatch> list = new java.util.ArrayList<>();
        batches.epoch(0).forEach(b -> list.add(new MiniBatch(b.features(), b.labels())));
        return BatchSource.fixed(list);
    }
}
