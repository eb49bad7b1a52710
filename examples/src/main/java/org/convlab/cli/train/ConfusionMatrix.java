package org.convlab.cli.train;

import java.util.List;
import java.util.Locale;
import org.convlab.nn.GradMode;
import org.convlab.nn.Sequential;
import org.convlab.train.BatchSource;
import org.convlab.train.MiniBatch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Counts of (true class, predicted class) pairs: {@code counts[truth][prediction]}. */
final class ConfusionMatrix {
    private final List<String> classNames;
    private final long[][] counts;

    private ConfusionMatrix(List<String> classNames) {
        this.classNames = List.copyOf(classNames);
        this.counts = new long[classNames.size()][classNames.size()];
    }

    /** Runs {@code model} in evaluation mode over the batches (epoch 0) and counts its highest-scoring classes. */
    static ConfusionMatrix of(Sequential model, BatchSource batches, List<String> classNames) {
        ConfusionMatrix m = new ConfusionMatrix(classNames);
        model.setTraining(false);
        try (GradMode.Scope ignored = GradMode.disabled()) {
            for (MiniBatch b : batches.epoch(0, 0)) {
                int[] predicted = model.forward(b.features()).argMax(1).castTo(DataType.INT).toIntVector();
                INDArray targets = b.targets().castTo(DataType.INT);
                int[] truth = targets.toIntVector();
                for (int i = 0; i < truth.length; i++) {
                    m.counts[truth[i]][predicted[i]]++;
                }
            }
        } finally {
            model.setTraining(true);
        }
        return m;
    }

    long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long v : row) {
                n += v;
            }
        }
        return n;
    }

    long correct() {
        long n = 0;
        for (int i = 0; i < counts.length; i++) {
            n += counts[i][i];
        }
        return n;
    }

    double accuracy() {
        return total() == 0 ? Double.NaN : (double) correct() / total();
    }

    /** The class names, in the order of the rows and columns. */
    List<String> classNames() {
        return classNames;
    }

    /** A copy of the counts, {@code [true class][predicted class]}. */
    long[][] counts() {
        long[][] out = new long[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            out[r] = counts[r].clone();
        }
        return out;
    }

    /**
     * The matrix as text: a header of predicted class indices, then one line per true class with its
     * index, name, counts and recall (the fraction of that class recognised).
     */
    String table() {
        int nameWidth = classNames.stream().mapToInt(String::length).max().orElse(0);
        int width = Math.max(4, Long.toString(total()).length() + 1);
        StringBuilder s = new StringBuilder("confusion matrix (rows: true class, columns: predicted class)\n");
        s.append(" ".repeat(nameWidth + 3));
        for (int c = 0; c < counts.length; c++) {
            s.append(String.format(Locale.ROOT, "%" + width + "d", c));
        }
        s.append("  recall\n");
        for (int r = 0; r < counts.length; r++) {
            s.append(String.format(Locale.ROOT, "%d %-" + nameWidth + "s ", r, classNames.get(r)));
            long rowTotal = 0;
            for (int c = 0; c < counts.length; c++) {
                s.append(String.format(Locale.ROOT, "%" + width + "d", counts[r][c]));
                rowTotal += counts[r][c];
            }
            s.append(rowTotal == 0 ? "       -"
                    : String.format(Locale.ROOT, "  %5.1f%%", 100.0 * counts[r][r] / rowTotal));
            s.append('\n');
        }
        return s.toString();
    }
}
