package org.convlab.nn.layers;

import java.util.Arrays;
import java.util.List;
import org.convlab.nn.Checks;
import org.convlab.nn.GradMode;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.convlab.nn.Recycler;
import org.convlab.nn.SavedForBackward;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A parameterless pooling layer over 1, 2 or 3 spatial axes, computed in the input's data type.
 * This class holds the shape checks, the saved state and the buffers; {@link MaxPool} and
 * {@link AvgPool} hold the window maths, once for every rank.
 *
 * <p>The maths runs in Java loops over {@code float[]} for FLOAT and {@code double[]} for DOUBLE
 * (other floating types go through DOUBLE), one bulk copy in and one out. ND4J's native
 * {@code maxpool2d}/{@code avgpool2d} (+ {@code _bp}) were measured slower on this build (a
 * 64x32x28x28 float max pool: about 10-40 ms forward and 70 ms backward, against a few ms here)
 * and drop NaNs, which this max pool propagates as PyTorch does. Outputs and input gradients come
 * from a {@link Recycler} (see its aliasing rule); the host copies are reused from call to call.
 */
public abstract sealed class Pool implements Layer permits MaxPool, AvgPool {
    private record Saved(long[] inputShape, long[] outputShape, PoolGeometry.Grid grid, Object windowState,
            INDArray output) {
    }

    private final PoolGeometry geometry;
    private final SavedForBackward<Saved> saved = new SavedForBackward<>(name());
    private final Recycler arrays = new Recycler();
    private PoolGeometry.Grid lastGrid;
    private Object hostIn;
    private Object hostOut;

    Pool(int rank, int[] kernel, int[] stride, int[] padding) {
        this.geometry = new PoolGeometry(name(), rank, kernel, stride, padding);
    }

    /**
     * Fills {@code y} ({@code float[]} or {@code double[]}, like {@code x}) from {@code x} plane by
     * plane; returns what {@link #poolBackward} needs.
     */
    abstract Object poolForward(PoolGeometry.Grid grid, Object x, Object y);

    /** Adds the input gradient for output gradient {@code dy} into {@code dx}, which starts at zero. */
    abstract void poolBackward(PoolGeometry.Grid grid, Object windowState, Object dy, Object dx);

    /** Takes back what {@link #poolForward} returned once it is no longer needed. */
    void releaseWindowState(Object windowState) {
    }

    @Override
    public final INDArray forward(INDArray input) {
        Checks.requireFloatingPoint(name(), input);
        long[] outShape = outputShape(input.shape());
        PoolGeometry.Grid grid = grid(input.shape(), outShape);
        hostIn = HostArrays.readTyped(input, hostIn);
        hostOut = HostArrays.typedBuffer(input.dataType(), grid.planes() * grid.outPlane(), hostOut);
        Object state = poolForward(grid, hostIn, hostOut);
        INDArray y = HostArrays.writeTyped(hostOut, arrays.output(input.dataType(), outShape));
        if (GradMode.isEnabled()) {
            saved.push(new Saved(input.shape(), outShape, grid, state, y));
        } else {
            releaseWindowState(state);
        }
        return y;
    }

    @Override
    public final INDArray backward(INDArray gradOutput) {
        Saved s = saved.pop();
        Checks.requireSameShape(name() + " backward gradOutput", s.outputShape(), gradOutput.shape());
        int inLength = s.grid().planes() * s.grid().inPlane();
        hostOut = HostArrays.readTyped(gradOutput, hostOut);
        hostIn = HostArrays.typedBuffer(gradOutput.dataType(), inLength, hostIn);
        if (hostIn instanceof float[] f) {
            Arrays.fill(f, 0, inLength, 0f);
        } else {
            Arrays.fill((double[]) hostIn, 0, inLength, 0.0);
        }
        poolBackward(s.grid(), s.windowState(), hostOut, hostIn);
        releaseWindowState(s.windowState());
        arrays.release(s.output());
        return HostArrays.writeTyped(hostIn, arrays.gradient(gradOutput.dataType(), s.inputShape(), gradOutput));
    }

    /** The loop bounds, kept while the input shape repeats (as it does from step to step). */
    private PoolGeometry.Grid grid(long[] inputShape, long[] outShape) {
        if (lastGrid == null || !lastGrid.matches(inputShape)) {
            lastGrid = geometry.grid(inputShape, outShape);
        }
        return lastGrid;
    }

    @Override
    public final List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public final long[] outputShape(long... inputShape) {
        return geometry.outputShape(inputShape);
    }

    /** The window size, one value per spatial axis. */
    public int[] kernel() {
        return geometry.kernel();
    }

    /** The window step, one value per spatial axis. */
    public int[] stride() {
        return geometry.stride();
    }

    /** The implicit padding, one value per spatial axis. */
    public int[] padding() {
        return geometry.padding();
    }

    @Override
    public String toString() {
        return name() + "(" + geometry + ")";
    }
}
