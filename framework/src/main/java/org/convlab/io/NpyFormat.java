package org.convlab.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The NumPy {@code .npy} format, version 1.0: the magic {@code \x93NUMPY}, the version bytes, a
 * little-endian uint16 header length, an ASCII Python-dict header
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }} padded with spaces to a
 * multiple of 64 bytes and ended by a newline, then the elements in c order, little-endian.
 * Supports FLOAT ({@code <f4}), DOUBLE ({@code <f8}), INT ({@code <i4}) and LONG ({@code <i8}).
 */
public final class NpyFormat {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    /** ND4J holds at most 32 dimensions. */
    private static final int MAX_RANK = 32;
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private NpyFormat() {
    }

    /** The complete {@code .npy} file for {@code array}. */
    public static byte[] encode(INDArray array) {
        String descr = descr(array.dataType());
        long[] shape = array.shape();
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 0 ? "()" : shape.length == 1 ? "(" + shape[0] + ",)"
                : "(" + dims.substring(0, dims.length() - 2) + ")";
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        // Magic (6) + version (2) + length (2) + header must be a multiple of 64; the header ends in '\n'.
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        byte[] data = littleEndianData(array);
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return out.array();
    }

    /**
     * Reads a {@code .npy} file into a new array.
     *
     * @param what names the file or entry in error messages
     * @throws IllegalArgumentException for a bad header, an unsupported type or a wrong data length
     */
    public static INDArray decode(byte[] bytes, String what) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IllegalArgumentException(what + ": not a .npy array: expected the magic bytes \\x93NUMPY "
                    + "and at least 10 bytes, found " + bytes.length + " bytes starting " + hex(bytes, 6));
        }
        int major = bytes[6];
        long headerLength;
        long dataStart;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(in.getShort(8));
            dataStart = 10 + headerLength;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException(what + ": truncated .npy header: expected 12 bytes of preamble "
                        + "for version " + major + ", found " + bytes.length);
            }
            headerLength = Integer.toUnsignedLong(in.getInt(8));
            dataStart = 12 + headerLength;
        } else {
            throw new IllegalArgumentException(what + ": unsupported .npy version: expected 1, 2 or 3, found " + major);
        }
        if (dataStart > bytes.length) {
            throw new IllegalArgumentException(what + ": truncated .npy header: expected " + headerLength
                    + " header bytes, found " + (bytes.length - (dataStart - headerLength)));
        }
        String header = new String(bytes, (int) (dataStart - headerLength), (int) headerLength,
                StandardCharsets.US_ASCII);
        DataType type = dataType(find(DESCR, header, what, "descr"), what);
        if (find(FORTRAN, header, what, "fortran_order").equals("True")) {
            throw new IllegalArgumentException(what + ": fortran_order arrays are not supported "
                    + "(expected 'fortran_order': False)");
        }
        long[] shape = parseShape(find(SHAPE, header, what, "shape"), what);
        long actual = bytes.length - dataStart;
        // The size the header claims is checked against the bytes present before anything of that size is made.
        long available = actual / type.width();
        long count = elementCount(shape, available + 1);
        if (count > available || actual != count * type.width()) {
            String expected = count > available ? "more than " + actual : Long.toString(count * type.width());
            throw new IllegalArgumentException(what + ": expected " + expected + " data bytes for " + type
                    + Arrays.toString(shape) + ", found " + actual + (count > available ? " (truncated)" : ""));
        }
        return toArray(in.position((int) dataStart).slice().order(ByteOrder.LITTLE_ENDIAN), type, shape, (int) count);
    }

    /** The product of the sizes, or {@code cap} as soon as it would exceed it (no overflow). */
    private static long elementCount(long[] shape, long cap) {
        long count = 1;
        for (long d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        for (long d : shape) {
            if (count > cap / d) {
                return cap;
            }
            count *= d;
        }
        return count;
    }

    private static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xFF));
        }
        return b.length == 0 ? "(nothing)" : s.toString();
    }

    private static INDArray toArray(ByteBuffer data, DataType type, long[] shape, int count) {
        boolean scalar = shape.length == 0;
        return switch (type) {
            case FLOAT -> {
                float[] v = new float[count];
                data.asFloatBuffer().get(v);
                yield scalar ? Nd4j.scalar(v[0]) : Nd4j.create(v, shape, 'c');
            }
            case DOUBLE -> {
                double[] v = new double[count];
                data.asDoubleBuffer().get(v);
                yield scalar ? Nd4j.scalar(v[0]) : Nd4j.create(v, shape, 'c');
            }
            case INT -> {
                int[] v = new int[count];
                data.asIntBuffer().get(v);
                yield scalar ? Nd4j.scalar(v[0]) : Nd4j.createFromArray(v).reshape('c', shape);
            }
            default -> {
                long[] v = new long[count];
                data.asLongBuffer().get(v);
                yield scalar ? Nd4j.scalar(v[0]) : Nd4j.createFromArray(v).reshape('c', shape);
            }
        };
    }

    private static byte[] littleEndianData(INDArray array) {
        INDArray c = array.isView() || array.ordering() != 'c' || array.data().length() != array.length()
                ? array.dup('c') : array;
        int n = Math.toIntExact(c.length());
        ByteBuffer out = ByteBuffer.allocate(n * c.dataType().width()).order(ByteOrder.LITTLE_ENDIAN);
        switch (c.dataType()) {
            case FLOAT -> out.asFloatBuffer().put(c.data().asFloat(), 0, n);
            case DOUBLE -> out.asDoubleBuffer().put(c.data().asDouble(), 0, n);
            case INT -> out.asIntBuffer().put(c.data().asInt(), 0, n);
            default -> out.asLongBuffer().put(c.data().asLong(), 0, n);
        }
        return out.array();
    }

    private static String descr(DataType type) {
        return switch (type) {
            case FLOAT -> "<f4";
            case DOUBLE -> "<f8";
            case INT -> "<i4";
            case LONG -> "<i8";
            default -> throw new IllegalArgumentException("npy: unsupported data type " + type
                    + " (FLOAT, DOUBLE, INT or LONG)");
        };
    }

    private static DataType dataType(String descr, String what) {
        return switch (descr) {
            case "<f4" -> DataType.FLOAT;
            case "<f8" -> DataType.DOUBLE;
            case "<i4" -> DataType.INT;
            case "<i8" -> DataType.LONG;
            default -> throw new IllegalArgumentException(what + ": unsupported .npy dtype '" + descr
                    + "' (expected <f4, <f8, <i4 or <i8)");
        };
    }

    private static String find(Pattern p, String header, String what, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(what + ": bad .npy header: expected a '" + key + "' entry, found "
                    + (header.length() > 200 ? header.substring(0, 200) + "..." : header.trim()));
        }
        return m.group(1);
    }

    private static long[] parseShape(String text, String what) {
        String[] parts = text.split(",", -1);
        if (parts.length > MAX_RANK + 1) {
            throw new IllegalArgumentException(what + ": bad .npy shape: expected at most " + MAX_RANK
                    + " dimensions, found " + (parts.length - 1) + " or more");
        }
        return Arrays.stream(parts).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(s -> {
            try {
                long d = Long.parseLong(s);
                if (d < 0) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": bad .npy shape: expected non-negative integer sizes, "
                        + "found (" + text + ")");
            }
        }).toArray();
    }
}
