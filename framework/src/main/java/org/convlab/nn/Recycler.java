package org.convlab.nn;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The off-heap arrays one layer hands out and takes back, so that a training loop reuses the same
 * few buffers in every step instead of allocating (fresh large allocations are expensive on these
 * machines: a page fault on every new page).
 *
 * <p><b>The aliasing rule</b>, which keeps the reuse invisible to a caller that follows it:
 * <ul>
 * <li>An <em>output</em> of {@code forward} comes from here only while gradients are recorded
 *     ({@link GradMode}); it is given back by the backward call that pairs with that forward call,
 *     and handed out again by a later forward call. So it stays valid until the layer's next forward
 *     call after that backward call: the next layer, which may have saved it as its input, has
 *     finished its own backward by then. In evaluation (gradients off) every output is fresh.</li>
 * <li>The <em>input gradient</em> returned by {@code backward} stays valid until the layer's next
 *     backward call (a {@link Sequential} passes it straight on, a tape copies it).</li>
 * </ul>
 * Keep an array beyond that with {@code dup()}.
 */
public final class Recycler {
    private final Map<String, ArrayDeque<INDArray>> free = new HashMap<>();
    private INDArray lastGradient;

    /** A c-ordered array for a forward output; contents undefined. */
    public INDArray output(DataType type, long[] shape) {
        return GradMode.isEnabled() ? take(type, shape) : Nd4j.createUninitialized(type, shape, 'c');
    }

    /** Gives back an output of {@link #output} once the backward call of its forward call is done. */
    public void release(INDArray output) {
        free.computeIfAbsent(key(output.dataType(), output.shape()), k -> new ArrayDeque<>()).push(output);
    }

    /**
     * A c-ordered array for the input gradient of a backward call that received {@code gradOutput};
     * contents undefined. The previous call's gradient is reused, unless it is that very
     * {@code gradOutput} (a layer applied twice in a row).
     */
    public INDArray gradient(DataType type, long[] shape, INDArray gradOutput) {
        if (lastGradient != null && !sameBuffer(lastGradient, gradOutput)) {
            release(lastGradient);
        }
        lastGradient = take(type, shape);
        return lastGradient;
    }

    private INDArray take(DataType type, long[] shape) {
        ArrayDeque<INDArray> q = free.get(key(type, shape));
        INDArray a = q == null ? null : q.poll();
        return a != null ? a : Nd4j.createUninitialized(type, shape, 'c');
    }

    private static boolean sameBuffer(INDArray a, INDArray b) {
        return a == b || a.data() == b.data()
                || a.data().addressPointer().address() == b.data().addressPointer().address();
    }

    private static String key(DataType type, long[] shape) {
        return type + Arrays.toString(shape);
    }
}
