package org.convlab.nn.layers;

import org.convlab.nn.SavedForBackward;
import java.util.List;
import org.convlab.nn.Checks;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A parameterless pooling layer over 1, 2 or 3 spatial axes, computed in the input's data type.
 * This class holds the shape checks and the saved state; {@link MaxPool} and {@link AvgPool} hold
 * the window maths, once for every rank.
 */
public abstract sealed class Pool implements Layer permits MaxPool, AvgPool {
    private record Saved(long[] inputShape, long[] outputShape, PoolGeometry.Grid grid, Object windowState) {
    }

    private final PoolGeometry geometry;
    private final SavedForBackward<Saved> saved = new SavedForBackward<>(name());

    Pool(int rank, int[] kernel, int[] stride, int[] padding) {
        this.geometry = new PoolGeometry(name(), rank, kernel, stride, padding);
    }

    /** Fills {@code y} from {@code x} plane by plane; returns what {@link #poolBackward} needs. */
    abstract Object poolForward(PoolGeometry.Grid grid, double[] x, double[] y);

    /** Adds the input gradient for output gradient {@code dy} into {@code dx}. */
    abstract void poolBackward(PoolGeometry.Grid grid, Object windowState, double[] dy, double[] dx);

    @Override
    public final INDArray forward(INDArray input) {
        Checks.requireFloatingPoint(name(), input);
        long[] outShape = outputShape(input.shape());
        PoolGeometry.Grid grid = geometry.grid(input.shape(), outShape);
        double[] y = new double[grid.planes() * grid.outPlane()];
        Object state = poolForward(grid, HostArrays.read(input), y);
        saved.push(new Saved(input.shape(), outShape, grid, state));
        return HostArrays.write(y, input.dataType(), outShape);
    }

    @Override
    public final INDArray backward(INDArray gradOutput) {
        Saved s = saved.pop();
        Checks.requireSameShape(name() + " backward gradOutput", s.outputShape(), gradOutput.shape());
        double[] dx = new double[s.grid().planes() * s.grid().inPlane()];
        poolBackward(s.grid(), s.windowState(), HostArrays.read(gradOutput), dx);
        return HostArrays.write(dx, gradOutput.dataType(), s.inputShape());
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
