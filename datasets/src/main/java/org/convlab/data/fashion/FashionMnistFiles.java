package org.convlab.data.fashion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.convlab.data.DatasetException;

/** The four official file names and where to find them in a directory (gzip or raw). */
final class FashionMnistFiles {
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    static final List<String> ALL = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private FashionMnistFiles() {
    }

    /** True when {@code dir} holds all four files. */
    static boolean complete(Path dir) {
        return missing(dir).isEmpty();
    }

    /** The file for {@code base} in {@code dir}: {@code base.gz} if present, else {@code base}. */
    static Path find(Path dir, String base) {
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = dir.resolve(base);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        throw new DatasetException(dir + ": expected the Fashion-MNIST file " + base + ".gz (or " + base
            + "), found neither");
    }

    /** The names missing from {@code dir}. */
    static List<String> missing(Path dir) {
        List<String> out = new ArrayList<>();
        for (String base : ALL) {
            if (!Files.isRegularFile(dir.resolve(base + ".gz")) && !Files.isRegularFile(dir.resolve(base))) {
                out.add(base + "[.gz]");
            }
        }
        return out;
    }
}
