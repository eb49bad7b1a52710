package org.convlab.experiments.support;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The small statistics the experiments share: medians, means, spreads, rank correlations and differences. */
public final class Stats {
    private Stats() {
    }

    /**
     * The largest |a - b| over all elements, computed in DOUBLE.
     *
     * @throws IllegalArgumentException naming both shapes when they differ
     */
    public static double maxAbsDifference(INDArray a, INDArray b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("shapes differ: " + Arrays.toString(a.shape()) + " vs "
                    + Arrays.toString(b.shape()));
        }
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    public static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** The sample standard deviation (n - 1 in the denominator); 0 for a single value. */
    public static double sd(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double m = mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (values.length - 1));
    }

    /** The q-quantile (0..1) by linear interpolation between order statistics. */
    public static double quantile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /** Spearman's rank correlation: Pearson's correlation of the ranks (ties get their mean rank). */
    public static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    public static double pearson(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Ranks 1..n; tied values share the mean of their ranks. */
    public static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (p, q) -> Double.compare(v[p], v[q]));
        double[] r = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = rank;
            }
            i = j + 1;
        }
        return r;
    }

    /**
     * The Mann–Whitney AUC: the probability that a value drawn from {@code a} exceeds one drawn from
     * {@code b}, ties counting half. 1 when every a is above every b, 0.5 when the two mix evenly.
     */
    public static double auc(double[] a, double[] b) {
        double wins = 0;
        for (double x : a) {
            for (double y : b) {
                wins += x > y ? 1 : x == y ? 0.5 : 0;
            }
        }
        return wins / ((double) a.length * b.length);
    }

    /** "m ± sd" of the values, with {@code digits} decimals. */
    public static String meanSd(double[] values, int digits) {
        String f = "%." + digits + "f";
        return String.format(Locale.ROOT, f + " ± " + f, mean(values), sd(values));
    }

    /** The values joined with ", ", each with {@code digits} decimals. */
    public static String join(double[] values, int digits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%." + digits + "f", values[i]));
        }
        return sb.toString();
    }
}
