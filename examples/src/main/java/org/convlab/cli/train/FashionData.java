package org.convlab.cli.train;

import java.nio.file.Files;
import java.nio.file.Path;
import org.convlab.data.DataSet;
import org.convlab.data.fashion.FashionMnist;
import org.convlab.train.BatchSource;
import org.convlab.train.DataSetBatches;

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

    /** The same batches in data order every epoch, for evaluation. */
    static BatchSource inOrder(DataSet data, int batchSize) {
        return new DataSetBatches(data, batchSize, false);
    }
}
