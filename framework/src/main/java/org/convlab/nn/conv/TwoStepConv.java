package org.convlab.nn.conv;

import java.util.ArrayList;
import java.util.List;
import org.convlab.engine.EngineChoice;
import org.convlab.engine.RunsOnEngine;
import org.convlab.nn.Costed;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A convolution factored into two convolutions applied one after the other (the separable
 * convolutions). Backward runs the steps in reverse; the cost is the sum of the steps' costs.
 */
abstract class TwoStepConv implements Layer, Costed, RunsOnEngine {
    protected final ConvSpec spec;
    protected final ConvLayer first;
    protected final ConvLayer second;

    TwoStepConv(ConvSpec spec, ConvLayer first, ConvLayer second) {
        this.spec = spec;
        this.first = first;
        this.second = second;
    }

    /** The settings the layer was built with (those of its builder, not of either step). */
    public ConvSpec spec() {
        return spec;
    }

    /** The first step's setting (both steps share it). */
    @Override
    public EngineChoice engine() {
        return first.engine();
    }

    @Override
    public void setEngine(EngineChoice choice) {
        first.setEngine(choice);
        second.setEngine(choice);
    }

    /** Both steps' algorithms: {@code "depthwise direct + pointwise GEMM"}. */
    @Override
    public String engineName(long... inputShape) {
        return first.engineName(inputShape) + " + " + second.engineName(first.outputShape(inputShape));
    }

    /** Only the first step can skip its input gradient: the second step's is the first step's output gradient. */
    @Override
    public void setInputGradientNeeded(boolean needed) {
        first.setInputGradientNeeded(needed);
    }

    @Override
    public INDArray forward(INDArray input) {
        return second.forward(first.forward(input));
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        return first.backward(second.backward(gradOutput));
    }

    /** The first step's weight, the second step's weight, then the bias if any. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>(first.parameters());
        ps.addAll(second.parameters());
        return ps;
    }

    @Override
    public long[] outputShape(long... inputShape) {
        return second.outputShape(first.outputShape(inputShape));
    }

    @Override
    public long multiplications(long... inputShape) {
        return first.multiplications(inputShape) + second.multiplications(first.outputShape(inputShape));
    }

    /** The multiplications of each step, in order. */
    public long[] stepMultiplications(long... inputShape) {
        return new long[] {first.multiplications(inputShape), second.multiplications(first.outputShape(inputShape))};
    }

    /** Rejects a {@link ConvBuilder} option that this layer does not have. */
    static void requireDefault(String kind, String setting, boolean isDefault) {
        if (!isDefault) {
            throw new IllegalArgumentException(kind + ": " + setting + " is not an option of this layer");
        }
    }
}
