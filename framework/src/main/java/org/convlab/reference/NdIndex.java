package org.convlab.reference;

/** A multi-index over a box, stepped like an odometer (last axis fastest, as c order). */
final class NdIndex {
    private NdIndex() {
    }

    static void zero(int[] idx) {
        java.util.Arrays.fill(idx, 0);
    }

    /** Advances {@code idx} within {@code bounds}; false once it has wrapped around to all zeros. */
    static boolean next(int[] idx, int[] bounds) {
        for (int a = idx.length - 1; a >= 0; a--) {
            if (++idx[a] < bounds[a]) {
                return true;
            }
            idx[a] = 0;
        }
        return false;
    }

    /** The c-order flat offset of {@code idx} in a box of size {@code bounds}. */
    static int flat(int[] idx, int[] bounds) {
        int f = 0;
        for (int a = 0; a < idx.length; a++) {
            f = f * bounds[a] + idx[a];
        }
        return f;
    }

    static int volume(int[] bounds) {
        int v = 1;
        for (int b : bounds) {
            v *= b;
        }
        return v;
    }

    static long volume(long[] shape) {
        long v = 1;
        for (long s : shape) {
            v *= s;
        }
        return v;
    }

    /** The spatial sizes (axes 2 and up) of an [N, C, spatial...] shape. */
    static int[] spatial(long[] shape) {
        int[] s = new int[shape.length - 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(shape[i + 2]);
        }
        return s;
    }

    static long[] shape(long batch, long channels, int[] spatial) {
        long[] s = new long[spatial.length + 2];
        s[0] = batch;
        s[1] = channels;
        for (int i = 0; i < spatial.length; i++) {
            s[i + 2] = spatial[i];
        }
        return s;
    }
}
