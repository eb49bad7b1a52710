package org.convlab.data.idx;

import java.util.Arrays;

/**
 * The content of one IDX file of unsigned bytes (type code {@code 0x08}, the MNIST type): its
 * dimensions and its data in row-major order. The first dimension counts the items.
 */
public final class IdxArray {
    private final int[] dims;
    private final byte[] data;

    /**
     * @param dims the sizes, at least one, each non-negative
     * @param data the values, exactly the product of the sizes in number; kept, not copied
     */
    public IdxArray(int[] dims, byte[] data) {
        if (dims == null || dims.length == 0 || dims.length > 255) {
            throw new IllegalArgumentException("IdxArray dims: expected 1 to 255 sizes, found "
                + (dims == null ? "null" : dims.length));
        }
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("IdxArray dims: sizes must be >= 0, found "
                    + Arrays.toString(dims));
            }
            n *= d;
        }
        if (data == null || data.length != n) {
            throw new IllegalArgumentException("IdxArray data: expected " + n + " bytes for dims "
                + Arrays.toString(dims) + ", found " + (data == null ? "null" : data.length));
        }
        this.dims = dims.clone();
        this.data = data;
    }

    /** The sizes, first the number of items. */
    public int[] dims() {
        return dims.clone();
    }

    /** The number of items: the first size. */
    public int count() {
        return dims[0];
    }

    /** The number of values in one item: the product of the sizes after the first. */
    public int itemLength() {
        int n = 1;
        for (int i = 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** The raw data, shared with this object (values are unsigned: use {@code b & 0xFF}). */
    public byte[] data() {
        return data;
    }

    /** The value at flat index {@code i}, 0 to 255. */
    public int unsigned(int i) {
        return data[i] & 0xFF;
    }

    /** The first {@code n} items as a new array (copied). */
    public IdxArray head(int n) {
        if (n < 0 || n > count()) {
            throw new IllegalArgumentException("head: n must be in [0, " + count() + "], found " + n);
        }
        int[] d = dims.clone();
        d[0] = n;
        return new IdxArray(d, Arrays.copyOf(data, n * itemLength()));
    }
}
