package org.convlab.data.fashion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.convlab.data.DataSet;
import org.convlab.data.DatasetException;
import org.convlab.data.idx.IdxArray;
import org.convlab.data.idx.IdxFormatException;
import org.convlab.data.idx.IdxImages;
import org.convlab.data.idx.IdxReader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fashion-MNIST (Zalando, MIT licence): 28x28 grey images of ten kinds of clothing.
 *
 * <p>{@link #load()} needs no configuration: it takes the full data set from the directory in the
 * environment variable {@value #ENV_VAR}, else from {@link #SYSTEM_DIR} (the Debian package
 * {@code dataset-fashion-mnist}), else the subset shipped in this jar (the first 10,000 training and
 * the first 2,000 test images). {@link #load(Path)} reads a directory the user names. The choice is
 * logged once per source.
 *
 * <pre>{@code
 * FashionMnist fm = FashionMnist.load();
 * DataSet train = fm.train();            // features [N,1,28,28] FLOAT in [0,1], labels int[]
 * String name = FashionMnist.className(train.labels()[0]);
 * }</pre>
 */
public final class FashionMnist {
    /** Environment variable naming a directory with the four files (or a {@code fashion-mnist} subdirectory). */
    public static final String ENV_VAR = "CONVLAB_DATA";
    /** Where the Debian package {@code dataset-fashion-mnist} installs the official files. */
    public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** Class-path folder of the shipped subset. */
    static final String SHIPPED_RESOURCE_DIR = "/org/convlab/data/fashion/subset/";
    /** The label names, index = label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
        "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final int NUM_CLASSES = 10;
    public static final int SIDE = 28;

    private static final Logger LOG = LoggerFactory.getLogger(FashionMnist.class);
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private final String source;
    private final IdxArray trainImages;
    private final IdxArray trainLabels;
    private final IdxArray testImages;
    private final IdxArray testLabels;

    private FashionMnist(String source, Named trainImages, Named trainLabels, Named testImages,
                         Named testLabels) {
        checkPair(trainImages, trainLabels);
        checkPair(testImages, testLabels);
        this.source = source;
        this.trainImages = trainImages.array();
        this.trainLabels = trainLabels.array();
        this.testImages = testImages.array();
        this.testLabels = testLabels.array();
    }

    /** An IDX content with the name of the file it came from, for error messages. */
    private record Named(String name, IdxArray array) {
        static Named read(Path file, int dims) {
            return new Named(file.toString(), IdxReader.read(file, dims));
        }
    }

    /** The full data set from {@value #ENV_VAR} or {@link #SYSTEM_DIR} if there, else the shipped subset. */
    public static FashionMnist load() {
        return load(null);
    }

    /**
     * The data set from {@code dir} when it is not null (an error if the files are not there: a
     * named directory never falls back silently), else as {@link #load()}.
     */
    public static FashionMnist load(Path dir) {
        Source s = resolve(dir, System.getenv(ENV_VAR), SYSTEM_DIR);
        logOnce(s);
        return s.dir() == null ? shipped() : fromDirectory(s.dir());
    }

    /** The subset shipped as a resource of this module: 10,000 training and 2,000 test images. */
    public static FashionMnist shipped() {
        return new FashionMnist("shipped subset (classpath " + SHIPPED_RESOURCE_DIR + ")",
            resource(FashionMnistFiles.TRAIN_IMAGES, 3), resource(FashionMnistFiles.TRAIN_LABELS, 1),
            resource(FashionMnistFiles.TEST_IMAGES, 3), resource(FashionMnistFiles.TEST_LABELS, 1));
    }

    /**
     * The four files from {@code dir} or from its subdirectory {@code fashion-mnist}, gzip or raw.
     * Every file is validated, and images and labels must agree in number.
     */
    public static FashionMnist fromDirectory(Path dir) {
        Path d = locate(dir);
        return new FashionMnist(d.toString(),
            Named.read(FashionMnistFiles.find(d, FashionMnistFiles.TRAIN_IMAGES), 3),
            Named.read(FashionMnistFiles.find(d, FashionMnistFiles.TRAIN_LABELS), 1),
            Named.read(FashionMnistFiles.find(d, FashionMnistFiles.TEST_IMAGES), 3),
            Named.read(FashionMnistFiles.find(d, FashionMnistFiles.TEST_LABELS), 1));
    }

    /** A chosen source: a directory, or null for the shipped subset, and why. */
    record Source(Path dir, String reason) {
    }

    /** The source {@link #load(Path)} uses, given its argument, the environment value and the system directory. */
    static Source resolve(Path named, String envValue, Path systemDir) {
        if (named != null) {
            return new Source(named, "directory given by the caller");
        }
        if (envValue != null && !envValue.isBlank()) {
            return new Source(Path.of(envValue.trim()), "environment variable " + ENV_VAR);
        }
        if (systemDir != null && FashionMnistFiles.complete(systemDir)) {
            return new Source(systemDir, "system installation");
        }
        return new Source(null, "no " + ENV_VAR + " and no files in " + systemDir);
    }

    private static Path locate(Path dir) {
        if (FashionMnistFiles.complete(dir)) {
            return dir;
        }
        Path sub = dir.resolve("fashion-mnist");
        if (Files.isDirectory(sub) && FashionMnistFiles.complete(sub)) {
            return sub;
        }
        throw new DatasetException(dir + ": expected the Fashion-MNIST files (in it or in its subdirectory "
            + "fashion-mnist), found these missing: " + FashionMnistFiles.missing(dir));
    }

    private static void logOnce(Source s) {
        String where = s.dir() == null ? "the shipped subset (10,000 train + 2,000 test)" : s.dir().toString();
        if (LOGGED.add(where)) {
            LOG.info("Fashion-MNIST: using {} ({})", where, s.reason());
        }
    }

    private static Named resource(String base, int dims) {
        String name = SHIPPED_RESOURCE_DIR + base + ".gz";
        try (InputStream in = FashionMnist.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new DatasetException(name + ": shipped resource not found on the class path");
            }
            return new Named("classpath:" + name, IdxReader.read("classpath:" + name, in, dims));
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read", e);
        }
    }

    /** The name of class {@code label} (0 = T-shirt/top ... 9 = Ankle boot). */
    public static String className(int label) {
        if (label < 0 || label >= NUM_CLASSES) {
            throw new IllegalArgumentException("label: expected 0..9, found " + label);
        }
        return CLASS_NAMES.get(label);
    }

    /** Where the data came from: a directory or the shipped subset. */
    public String source() {
        return source;
    }

    /** Training images [N,1,28,28] FLOAT in [0,1] with their labels. */
    public DataSet train() {
        return train(DataType.FLOAT);
    }

    /** Training images in FLOAT or DOUBLE with their labels. */
    public DataSet train(DataType type) {
        return dataSet(trainImages, trainLabels, type);
    }

    /** Test images [N,1,28,28] FLOAT in [0,1] with their labels. */
    public DataSet test() {
        return test(DataType.FLOAT);
    }

    /** Test images in FLOAT or DOUBLE with their labels. */
    public DataSet test(DataType type) {
        return dataSet(testImages, testLabels, type);
    }

    /** Training images [N,1,28,28] in FLOAT or DOUBLE, scaled to [0,1]. */
    public INDArray trainImages(DataType type) {
        return IdxImages.toArray(trainImages, type);
    }

    /** Test images [N,1,28,28] in FLOAT or DOUBLE, scaled to [0,1]. */
    public INDArray testImages(DataType type) {
        return IdxImages.toArray(testImages, type);
    }

    /** Training labels 0..9. */
    public int[] trainLabels() {
        return IdxImages.toLabels(trainLabels);
    }

    /** Test labels 0..9. */
    public int[] testLabels() {
        return IdxImages.toLabels(testLabels);
    }

    /** The raw test images and labels, as read. */
    IdxArray[] rawTest() {
        return new IdxArray[] {testImages, testLabels};
    }

    private static DataSet dataSet(IdxArray images, IdxArray labels, DataType type) {
        return DataSet.ofLabels(IdxImages.toArray(images, type), IdxImages.toLabels(labels), NUM_CLASSES);
    }

    /** Images and labels must agree before anything is handed out. */
    private static void checkPair(Named images, Named labels) {
        int[] d = images.array().dims();
        if (d[1] != SIDE || d[2] != SIDE) {
            throw new IdxFormatException(images.name() + ": expected images of 28x28, found "
                + d[1] + "x" + d[2]);
        }
        int nImages = images.array().count();
        int nLabels = labels.array().count();
        if (nImages != nLabels) {
            throw new IdxFormatException(images.name() + " and " + labels.name()
                + ": images and labels differ in number: expected " + nImages + " labels (one per image), found "
                + nLabels);
        }
        IdxArray l = labels.array();
        for (int i = 0; i < nLabels; i++) {
            if (l.unsigned(i) >= NUM_CLASSES) {
                throw new IdxFormatException(labels.name() + ": label " + i + ": expected 0..9, found "
                    + l.unsigned(i));
            }
        }
    }
}
