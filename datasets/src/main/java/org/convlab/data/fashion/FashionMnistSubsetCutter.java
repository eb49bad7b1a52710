package org.convlab.data.fashion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convlab.data.idx.IdxArray;
import org.convlab.data.idx.IdxReader;
import org.convlab.data.idx.IdxWriter;

/**
 * The tool that cut the shipped subset: the first {@code nTrain} training and the first
 * {@code nTest} test images with their labels, taken from the official files and written as gzip
 * IDX files with the official names. Java's gzip output carries no time stamp, so the same input
 * gives byte-identical files.
 *
 * <pre>
 * java -cp ... org.convlab.data.fashion.FashionMnistSubsetCutter \
 *     /usr/share/datasets/fashion-mnist datasets/src/main/resources/org/convlab/data/fashion/subset 10000 2000
 * </pre>
 */
public final class FashionMnistSubsetCutter {
    private FashionMnistSubsetCutter() {
    }

    /** Arguments: source directory, target directory, number of training images, number of test images. */
    public static void main(String[] args) {
        if (args.length != 4) {
            throw new IllegalArgumentException(
                "usage: FashionMnistSubsetCutter <official dir> <target dir> <nTrain> <nTest>, found "
                    + args.length + " arguments");
        }
        cut(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    }

    /** Writes the first {@code nTrain} / {@code nTest} examples of {@code source} into {@code target}. */
    public static void cut(Path source, Path target, int nTrain, int nTest) {
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot create", e);
        }
        copyHead(source, target, FashionMnistFiles.TRAIN_IMAGES, 3, nTrain);
        copyHead(source, target, FashionMnistFiles.TRAIN_LABELS, 1, nTrain);
        copyHead(source, target, FashionMnistFiles.TEST_IMAGES, 3, nTest);
        copyHead(source, target, FashionMnistFiles.TEST_LABELS, 1, nTest);
    }

    private static void copyHead(Path source, Path target, String base, int dims, int n) {
        IdxArray all = IdxReader.read(FashionMnistFiles.find(source, base), dims);
        IdxWriter.write(target.resolve(base + ".gz"), all.head(n), true);
    }
}
