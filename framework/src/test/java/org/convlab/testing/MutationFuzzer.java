package org.convlab.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Seeded byte-level mutations of a valid file, for fuzzing a reader: bit flips, byte insertions and
 * deletions, truncation at a structural boundary (or anywhere), and an int field overwritten with an
 * extreme value. A format adds its own mutations ({@link #withFormatMutations}); each one is picked
 * with the same weight as each generic kind. The same seed gives the same sequence of mutations.
 */
public final class MutationFuzzer {
    /** Values that break naive size arithmetic: the largest int, negatives, zero, one, 255. */
    public static final int[] EXTREME_INTS = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0, 1, 255, 0x7FFF_FFFE,
        1 << 30, 65_535};

    /** One mutated file and the name of the mutation that made it. */
    public record Mutation(String kind, byte[] bytes) {
    }

    private final SplittableRandom rng;
    private final byte[] original;
    private final int[] boundaries;
    private final List<FormatMutation> formatMutations = new ArrayList<>();

    /** A format-specific mutation: from the original bytes and a random source, a new file. */
    public record FormatMutation(String kind, Function<SplittableRandom, byte[]> make) {
    }

    /**
     * @param original the valid file
     * @param boundaries offsets where one structure ends and the next begins (header fields, entries)
     */
    public MutationFuzzer(long seed, byte[] original, int... boundaries) {
        this.rng = new SplittableRandom(seed);
        this.original = original.clone();
        this.boundaries = boundaries.clone();
    }

    public MutationFuzzer withFormatMutations(List<FormatMutation> mutations) {
        formatMutations.addAll(mutations);
        return this;
    }

    /** The next mutation. */
    public Mutation next() {
        int generic = 6;
        int pick = rng.nextInt(generic + formatMutations.size());
        return switch (pick) {
            case 0 -> new Mutation("bit flips", bitFlips(original, 1 + rng.nextInt(4)));
            case 1 -> new Mutation("byte insertion", insert(original));
            case 2 -> new Mutation("byte deletion", delete(original));
            case 3 -> new Mutation("truncation at a boundary", Arrays.copyOf(original, boundary()));
            case 4 -> new Mutation("truncation anywhere", Arrays.copyOf(original, rng.nextInt(original.length + 1)));
            case 5 -> extremeInt(original);
            default -> {
                FormatMutation m = formatMutations.get(pick - generic);
                yield new Mutation(m.kind(), m.make().apply(rng));
            }
        };
    }

    /** Every truncation at a structural boundary, once each (besides the random ones). */
    public List<Mutation> everyBoundaryTruncation() {
        List<Mutation> out = new ArrayList<>();
        for (int b : boundaries) {
            if (b < original.length) {
                out.add(new Mutation("truncation at a boundary", Arrays.copyOf(original, b)));
            }
        }
        return out;
    }

    private int boundary() {
        return boundaries.length == 0 ? rng.nextInt(original.length + 1)
                : Math.min(original.length, boundaries[rng.nextInt(boundaries.length)]);
    }

    public byte[] bitFlips(byte[] bytes, int flips) {
        byte[] out = bytes.clone();
        for (int i = 0; i < flips && out.length > 0; i++) {
            int at = rng.nextInt(out.length);
            out[at] ^= (byte) (1 << rng.nextInt(8));
        }
        return out;
    }

    private byte[] insert(byte[] bytes) {
        int at = rng.nextInt(bytes.length + 1);
        int n = 1 + rng.nextInt(8);
        byte[] out = new byte[bytes.length + n];
        System.arraycopy(bytes, 0, out, 0, at);
        for (int i = 0; i < n; i++) {
            out[at + i] = (byte) rng.nextInt(256);
        }
        System.arraycopy(bytes, at, out, at + n, bytes.length - at);
        return out;
    }

    private byte[] delete(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        int at = rng.nextInt(bytes.length);
        int n = Math.min(bytes.length - at, 1 + rng.nextInt(8));
        byte[] out = new byte[bytes.length - n];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(bytes, at + n, out, at, bytes.length - at - n);
        return out;
    }

    /** An int at a boundary (big- or little-endian) replaced with an extreme value. */
    private Mutation extremeInt(byte[] bytes) {
        int value = EXTREME_INTS[rng.nextInt(EXTREME_INTS.length)];
        int at = Math.max(0, Math.min(boundary(), bytes.length - 4));
        return new Mutation("extreme int field", putInt(bytes, at, value,
                rng.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN));
    }

    /** A copy of {@code bytes} with {@code value} written at {@code at} (nothing written past the end). */
    public static byte[] putInt(byte[] bytes, int at, int value, ByteOrder order) {
        byte[] out = bytes.clone();
        byte[] v = ByteBuffer.allocate(4).order(order).putInt(value).array();
        for (int i = 0; i < 4 && at + i < out.length; i++) {
            out[at + i] = v[i];
        }
        return out;
    }

    public SplittableRandom random() {
        return rng;
    }
}
