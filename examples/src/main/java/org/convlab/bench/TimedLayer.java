package org.convlab.bench;

import java.util.List;
import java.util.Map;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer that adds the wall time of each forward and backward call of the layer it wraps into two
 * counters; everything else is passed through. ND4J's CPU ops return when their result is ready,
 * so the time of a call is the time of its work.
 */
final class TimedLayer implements Layer {
    private final Layer inner;
    private long forwardNanos;
    private long backwardNanos;

    TimedLayer(Layer inner) {
        this.inner = inner;
    }

    @Override
    public INDArray forward(INDArray input) {
        long t0 = System.nanoTime();
        INDArray y = inner.forward(input);
        forwardNanos += System.nanoTime() - t0;
        return y;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        long t0 = System.nanoTime();
        INDArray dx = inner.backward(gradOutput);
        backwardNanos += System.nanoTime() - t0;
        return dx;
    }

    long forwardNanos() {
        return forwardNanos;
    }

    long backwardNanos() {
        return backwardNanos;
    }

    void reset() {
        forwardNanos = 0;
        backwardNanos = 0;
    }

    @Override
    public List<Parameter> parameters() {
        return inner.parameters();
    }

    @Override
    public long[] outputShape(long... inputShape) {
        return inner.outputShape(inputShape);
    }

    @Override
    public void setTraining(boolean training) {
        inner.setTraining(training);
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        inner.setInputGradientNeeded(needed);
    }

    @Override
    public Map<String, INDArray> buffers() {
        return inner.buffers();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
