package org.convlab.optim;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element-wise loops over the off-heap memory of FLOAT arrays, for the optimizers' per-parameter work.
 *
 * <p>Why: written with ND4J, one Adam update is about 12 native calls per parameter (and the finite
 * check two more), each paying JNI and OpenMP start-up; for the small arrays of a model that overhead,
 * not the arithmetic, is the cost (about 10 ms of a 39 ms training step of the small CNN). One Java
 * pass per parameter reading and writing the arrays' memory does the same float operations, in the
 * same order, with the scalars rounded to float as ND4J rounds them, so it gives the same bits. DOUBLE
 * parameters keep the ND4J formulas, which remain the reference the tests compare against.
 *
 * <p>Large arrays are cut into fixed chunks run in parallel; every element is computed alone, so the
 * result does not depend on how the chunks are scheduled.
 */
final class FusedFloatUpdate {
    /** Elements per parallel chunk: large enough that a chunk outweighs handing it to another thread. */
    static final int CHUNK = 1 << 15;

    /** The work on elements {@code [from, to)}. */
    interface Range {
        void run(int from, int to);
    }

    /** A scan of elements {@code [from, to)} giving a verdict; verdicts of chunks combine by maximum. */
    interface RangeVerdict {
        int scan(int from, int to);
    }

    private FusedFloatUpdate() {
    }

    /**
     * Whether every array is FLOAT, c-ordered and owns its memory from offset 0 with unit stride, so its
     * element {@code i} is float {@code i} of {@link #floats}; views and other layouts use ND4J.
     */
    static boolean applies(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || a.isView() || a.ordering() != 'c' || a.offset() != 0
                    || a.elementWiseStride() != 1 || a.data().length() != a.length()
                    || a.length() > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** The array's memory as floats, indexed like the array (only for arrays {@link #applies} accepts). */
    static FloatBuffer floats(INDArray a) {
        return a.data().asNioFloat();
    }

    /** Runs {@code work} over {@code [0, length)}: in one go when small, else in parallel chunks. */
    static void forEachChunk(long length, Range work) {
        maxOverChunks(length, (from, to) -> {
            work.run(from, to);
            return 0;
        });
    }

    /** The largest verdict of {@code scan} over the chunks of {@code [0, length)}, run as in {@link #forEachChunk}. */
    static int maxOverChunks(long length, RangeVerdict scan) {
        int n = (int) length;
        if (n <= CHUNK) {
            return scan.scan(0, n);
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        return IntStream.range(0, chunks).parallel()
                .map(c -> scan.scan(c * CHUNK, Math.min(n, (c + 1) * CHUNK)))
                .max().getAsInt();
    }
}
