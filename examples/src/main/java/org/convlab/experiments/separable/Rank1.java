package org.convlab.experiments.separable;

/**
 * The best rank-1 approximation of a small matrix (Eckart-Young): {@code sigma1 u1 v1^T}, from the
 * eigen-decomposition of {@code K^T K} by cyclic Jacobi rotations, which is exact to rounding for the
 * 3x3 kernels here and needs no library.
 *
 * @param singularValues the singular values of K, largest first
 * @param approximation the best rank-1 approximation, same shape as K
 */
record Rank1(double[] singularValues, double[][] approximation) {

    /** The Frobenius norm of K. */
    double norm() {
        double s = 0;
        for (double v : singularValues) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** {@code ||K - best rank-1||_F = sqrt(sigma2^2 + sigma3^2 + ...)}: no rank-1 kernel comes closer. */
    double floor() {
        double s = 0;
        for (int i = 1; i < singularValues.length; i++) {
            s += singularValues[i] * singularValues[i];
        }
        return Math.sqrt(s);
    }

    static Rank1 of(double[][] k) {
        int rows = k.length;
        int n = k[0].length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int r = 0; r < rows; r++) {
                    a[i][j] += k[r][i] * k[r][j];
                }
            }
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    rotate(a, v, p, q, c, s);
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) {
            sigma[i] = Math.sqrt(Math.max(0, a[order[i]][order[i]]));
        }
        // Best rank-1: K v1 v1^T, with v1 the top right singular vector.
        int top = order[0];
        double[][] approx = new double[rows][n];
        for (int r = 0; r < rows; r++) {
            double kv = 0;
            for (int j = 0; j < n; j++) {
                kv += k[r][j] * v[j][top];
            }
            for (int j = 0; j < n; j++) {
                approx[r][j] = kv * v[j][top];
            }
        }
        return new Rank1(sigma, approx);
    }

    // A <- J^T A J and V <- V J for the rotation J in the plane (p, q).
    private static void rotate(double[][] a, double[][] v, int p, int q, double c, double s) {
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}
