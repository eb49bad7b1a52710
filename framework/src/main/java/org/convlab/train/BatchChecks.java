package org.convlab.train;

import java.util.Arrays;
import java.util.List;
import org.convlab.nn.Layer;
import org.convlab.nn.MemoryBudget;
import org.convlab.nn.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a training batch must pass before its step runs, so that a bad batch is reported as itself,
 * not as a failure deep in the network:
 * <ul>
 * <li>its features and (floating-point) targets are finite: a NaN or infinite value is named by its
 * epoch, batch, array and index, and the step is not taken;</li>
 * <li>the activations its forward pass keeps for backward fit in the off-heap
 * {@link MemoryBudget}: the first layer whose cumulative output would not fit is named with the
 * bytes needed.</li>
 * </ul>
 * The finiteness check is one reduction per array; the element-wise search runs only when it fails.
 */
public final class BatchChecks {
    private BatchChecks() {
    }

    /**
     * @throws IllegalArgumentException naming the epoch, the batch, the input and what is wrong with it
     */
    public static void check(Sequential model, MiniBatch batch, int epoch, int index) {
        String where = "epoch " + epoch + ", batch " + index;
        if (batch.features().dataType().isFPType()) {
            requireFinite(where, "features", batch.features());
        }
        if (batch.targets().dataType().isFPType()) {
            requireFinite(where, "targets", batch.targets());
        }
        requireMemory(where, model, batch.features().shape(), batch.features().dataType());
    }

    private static void requireFinite(String where, String what, INDArray array) {
        if (array.isEmpty() || Double.isFinite(array.sumNumber().doubleValue())) {
            return;
        }
        // The sum is not finite: find the first bad element (the sum alone can overflow on huge finite values).
        double[] v = array.dup('c').data().asDouble();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("training input is not finite: " + where + ": the " + what + " "
                        + Arrays.toString(array.shape()) + " hold " + v[i] + " at index "
                        + Arrays.toString(unravel(i, array.shape())) + " (example " + unravel(i, array.shape())[0]
                        + " of the batch); the step was not taken: clean the data or drop this example");
            }
        }
    }

    private static long[] unravel(long flat, long[] shape) {
        long[] index = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    /** The forward pass keeps every layer's output for backward, and backward makes a gradient of each. */
    private static void requireMemory(String where, Sequential model, long[] inputShape, DataType type) {
        List<Layer> layers = model.layers();
        long[] shape = inputShape;
        long kept = 0;
        long available = MemoryBudget.available();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            try {
                shape = layer.outputShape(shape);
            } catch (RuntimeException e) {
                return; // a batch of the wrong shape: the forward pass reports it in its own words
            }
            long bytes = bytes(shape, type.width());
            long cap = Long.MAX_VALUE / 4; // saturate instead of overflowing: such sizes never fit anyway
            kept = bytes >= cap || kept >= cap ? cap : kept + bytes;
            // The outputs kept so far, this output's gradient, and one working buffer of its size.
            long needed = bytes >= cap || kept >= cap ? cap : kept + 2 * bytes;
            if (needed <= available) {
                continue;
            }
            try {
                MemoryBudget.require(where + ": layer " + i + " (" + layer.name() + ") with output "
                        + Arrays.toString(shape) + " " + type, needed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("batch does not fit in memory: " + e.getMessage(), e);
            }
        }
    }

    private static long bytes(long[] shape, int width) {
        long n = width;
        for (long s : shape) {
            if (s != 0 && n > Long.MAX_VALUE / s) {
                return Long.MAX_VALUE;
            }
            n *= s;
        }
        return n;
    }
}
