package org.convlab.draw;

/** Small helpers for sizes and positions on grids of rank 1 to 3. */
final class Grids {
    private Grids() {
    }

    /** "5×5", "7", "3×4×5". */
    static String dims(int[] size) {
        StringBuilder b = new StringBuilder();
        for (int a = 0; a < size.length; a++) {
            if (a > 0) {
                b.append('×');
            }
            b.append(size[a]);
        }
        return b.toString();
    }

    /** "1" when all axes agree, else "1×2". */
    static String same(int[] v) {
        for (int x : v) {
            if (x != v[0]) {
                return dims(v);
            }
        }
        return Integer.toString(v[0]);
    }

    static boolean anyPositive(int[] v) {
        for (int x : v) {
            if (x > 0) {
                return true;
            }
        }
        return false;
    }

    static boolean anyAbove(int[] v, int bound) {
        for (int x : v) {
            if (x > bound) {
                return true;
            }
        }
        return false;
    }

    static int volume(int[] size) {
        int v = 1;
        for (int s : size) {
            v *= s;
        }
        return v;
    }

    static int flat(int[] idx, int[] size) {
        int f = 0;
        for (int a = 0; a < idx.length; a++) {
            f = f * size[a] + idx[a];
        }
        return f;
    }

    static int[] unflat(int f, int[] size) {
        int[] idx = new int[size.length];
        for (int a = size.length - 1; a >= 0; a--) {
            idx[a] = f % size[a];
            f /= size[a];
        }
        return idx;
    }

    /** "w_0,1": the name of kernel element t, with its index as a subscript. */
    static String weightName(int[] t) {
        StringBuilder b = new StringBuilder("w_");
        for (int a = 0; a < t.length; a++) {
            if (a > 0) {
                b.append(',');
            }
            b.append(t[a]);
        }
        return b.toString();
    }

    /** Row and column of a rank-1 or rank-2 index on the page (rank 1 is one row). */
    static int row(int[] idx) {
        return idx.length == 1 ? 0 : idx[idx.length - 2];
    }

    static int col(int[] idx) {
        return idx[idx.length - 1];
    }
}
