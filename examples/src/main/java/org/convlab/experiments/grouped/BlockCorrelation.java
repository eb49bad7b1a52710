package org.convlab.experiments.grouped;

import org.convlab.experiments.support.PermutationTest;
import org.convlab.experiments.support.Whitening;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How block-diagonal the relation between two layers is, measured as Deep Roots does: each layer's
 * responses are ZCA-whitened (so the covariance inside a layer does not leak into the comparison),
 * then the cross-covariance of the two whitened layers at the same pixel gives {@code C[c][o]}.
 * The block score is the mean |C| inside the diagonal blocks (1x1 channel c and grouped channel o in
 * the same group) over the mean |C| outside: 1 when the blocks are no different from the rest.
 */
final class BlockCorrelation {
    /** Eigenvalue floor of the whitening, relative to the largest: keeps dead channels at 0 instead of noise. */
    static final double WHITENING_EPSILON = 1e-4;

    private BlockCorrelation() {
    }

    /** |cross-covariance| of the whitened responses, [channels of a][channels of b]. */
    static double[][] whitenedCrossCovariance(INDArray a, INDArray b) {
        INDArray c = Whitening.crossCovariance(Whitening.zca(a, WHITENING_EPSILON), Whitening.zca(b, WHITENING_EPSILON));
        double[][] m = c.toDoubleMatrix();
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.abs(row[j]);
            }
        }
        return m;
    }

    /** Channel i of {@code channels} belongs to group {@code i / (channels / groups)}, as in a grouped conv. */
    static int[] contiguousGroups(int channels, int groups) {
        int[] g = new int[channels];
        for (int i = 0; i < channels; i++) {
            g[i] = i / (channels / groups);
        }
        return g;
    }

    /** Mean |m| where the row's group equals the column's over the mean |m| elsewhere. */
    static double blockScore(double[][] m, int[] rowGroup, int[] columnGroup) {
        double inside = 0;
        double outside = 0;
        long nIn = 0;
        long nOut = 0;
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[r].length; c++) {
                if (rowGroup[r] == columnGroup[c]) {
                    inside += Math.abs(m[r][c]);
                    nIn++;
                } else {
                    outside += Math.abs(m[r][c]);
                    nOut++;
                }
            }
        }
        return nIn == 0 || nOut == 0 ? Double.NaN : (inside / nIn) / (outside / nOut);
    }

    /** The block score with the wiring's partition into {@code groups}. */
    static double blockScore(double[][] m, int groups) {
        return blockScore(m, contiguousGroups(m.length, groups), contiguousGroups(m[0].length, groups));
    }

    /**
     * The relabelling null: the grouped layer's channels are dealt into the groups at random (same
     * group sizes), the 1x1 layer's keep the wiring's partition, and the block score is recomputed.
     */
    static PermutationTest relabellingNull(double[][] m, int groups, int permutations, long seed) {
        int[] rows = contiguousGroups(m.length, groups);
        return PermutationTest.run(contiguousGroups(m[0].length, groups), cols -> blockScore(m, rows, cols),
                permutations, seed);
    }
}
