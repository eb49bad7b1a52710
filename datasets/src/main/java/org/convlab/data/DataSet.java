package org.convlab.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Examples along the first axis of a features array in the framework's channels-first layouts
 * ([N,C,L], [N,C,H,W], [N,C,D,H,W]) with either class labels ({@code int[]}, for classification)
 * or a targets array with the same first size (masks, high-resolution images, ...).
 *
 * <p>Immutable in use: the arrays are not copied in, so do not modify them afterwards.
 */
public final class DataSet {
    private final INDArray features;
    private final int[] labels;
    private final int numClasses;
    private final INDArray targets;

    private DataSet(INDArray features, int[] labels, int numClasses, INDArray targets) {
        this.features = Rows.contiguous(features);
        this.labels = labels;
        this.numClasses = numClasses;
        this.targets = targets == null ? null : Rows.contiguous(targets);
    }

    /** A classification set; every label must lie in {@code [0, numClasses)}. */
    public static DataSet ofLabels(INDArray features, int[] labels, int numClasses) {
        checkFeatures(features);
        if (labels == null || labels.length != features.size(0)) {
            throw new IllegalArgumentException("labels: expected " + features.size(0)
                + " (the features' first size), found " + (labels == null ? "null" : labels.length));
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses: expected >= 1, found " + numClasses);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("labels[" + i + "]: expected a class in [0, "
                    + numClasses + "), found " + labels[i]);
            }
        }
        return new DataSet(features, labels.clone(), numClasses, null);
    }

    /** A set with array targets, e.g. segmentation masks or high-resolution images. */
    public static DataSet ofTargets(INDArray features, INDArray targets) {
        checkFeatures(features);
        if (targets == null || targets.rank() < 1 || targets.size(0) != features.size(0)) {
            throw new IllegalArgumentException("targets: expected first size " + features.size(0)
                + " (the features' first size), found "
                + (targets == null ? "null" : Arrays.toString(targets.shape())));
        }
        return new DataSet(features, null, 0, targets);
    }

    private static void checkFeatures(INDArray features) {
        if (features == null || features.rank() < 2) {
            throw new IllegalArgumentException("features: expected an array [N, ...] of rank >= 2, found "
                + (features == null ? "null" : Arrays.toString(features.shape())));
        }
    }

    /** The number of examples. */
    public int size() {
        return (int) features.size(0);
    }

    public INDArray features() {
        return features;
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** The class labels (a copy); only for a classification set. */
    public int[] labels() {
        return requireLabels().clone();
    }

    /** The number of classes; 0 for a set with array targets. */
    public int numClasses() {
        return numClasses;
    }

    /** The labels as an INT32 vector [N]. */
    public INDArray labelArray() {
        return Nd4j.createFromArray(requireLabels().clone());
    }

    /** The labels one-hot encoded, [N, numClasses], in the given type. */
    public INDArray oneHot(DataType type) {
        return OneHot.encode(requireLabels(), numClasses, type);
    }

    /** The array targets; only for a set built with {@link #ofTargets}. */
    public INDArray targets() {
        if (targets == null) {
            throw new IllegalStateException("this data set has class labels, not array targets");
        }
        return targets;
    }

    public boolean hasTargets() {
        return targets != null;
    }

    /** The examples at {@code indices}, in that order, gathered in bulk. */
    public DataSet select(int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException("select: index " + i + " outside [0, " + size() + ")");
            }
        }
        INDArray f = Rows.gather(features, indices);
        if (labels != null) {
            int[] l = new int[indices.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = labels[indices[i]];
            }
            return new DataSet(f, l, numClasses, null);
        }
        return new DataSet(f, null, 0, Rows.gather(targets, indices));
    }

    /** The first {@code n} examples. */
    public DataSet head(int n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("head: n must be in [0, " + size() + "], found " + n);
        }
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        return select(idx);
    }

    /** The same examples with other features (same first size), e.g. normalised ones. */
    public DataSet withFeatures(INDArray newFeatures) {
        checkFeatures(newFeatures);
        if (newFeatures.size(0) != size()) {
            throw new IllegalArgumentException("withFeatures: expected first size " + size() + ", found "
                + newFeatures.size(0));
        }
        return new DataSet(newFeatures, labels, numClasses, targets);
    }

    /**
     * A seeded random split: {@code round(validationFraction * size)} examples go to validation,
     * the rest to training; each part keeps its examples in their original order.
     */
    public Split split(double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction <= 1)) {
            throw new IllegalArgumentException("validationFraction: expected a value in [0, 1], found "
                + validationFraction);
        }
        int nVal = (int) Math.round(validationFraction * size());
        int[] perm = Permutation.shuffled(size(), new SplittableRandom(seed));
        int[] val = Arrays.copyOfRange(perm, 0, nVal);
        int[] train = Arrays.copyOfRange(perm, nVal, perm.length);
        Arrays.sort(val);
        Arrays.sort(train);
        return new Split(select(train), select(val), train, val);
    }

    private int[] requireLabels() {
        if (labels == null) {
            throw new IllegalStateException("this data set has array targets, not class labels");
        }
        return labels;
    }

    @Override
    public String toString() {
        return "DataSet" + Arrays.toString(features.shape()) + " " + features.dataType()
            + (labels != null ? ", " + numClasses + " classes" : ", targets " + Arrays.toString(targets.shape()));
    }
}
