package org.convlab.optim;

import java.nio.FloatBuffer;
import java.util.List;
import org.convlab.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, in
 * PyTorch's formulation ({@code torch.optim.SGD} without dampening):
 * <pre>
 *   g = grad + weightDecay * p
 *   b = momentum * b + g                      (b starts at zero, so the first b is g)
 *   d = nesterov ? g + momentum * b : b       (d = g without momentum)
 *   p = p - lr * d
 * </pre>
 * <pre>{@code
 * Optimizer opt = SGD.builder(model.parameters(), 0.1).momentum(0.9).nesterov(true).build();
 * }</pre>
 */
public final class SGD extends Optimizer {
    public static final String MOMENTUM_BUFFER = "momentum_buffer";

    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;

    private SGD(Builder b) {
        super(b.parameters, b.learningRate, b.momentum == 0 ? List.of() : List.of(MOMENTUM_BUFFER));
        this.momentum = b.momentum;
        this.nesterov = b.nesterov;
        this.weightDecay = b.weightDecay;
    }

    public static Builder builder(List<Parameter> parameters, double learningRate) {
        return new Builder(parameters, learningRate);
    }

    @Override
    protected void update(int index, Parameter parameter, int step) {
        INDArray buffer = momentum == 0 ? null : slot(index, MOMENTUM_BUFFER);
        boolean floats = buffer == null ? FusedFloatUpdate.applies(parameter.value(), parameter.grad())
                : FusedFloatUpdate.applies(parameter.value(), parameter.grad(), buffer);
        if (fusedFloatPath && floats) {
            updateFloats(parameter, buffer);
        } else {
            updateWithNd4j(index, parameter, buffer);
        }
    }

    /** The formula of the class comment in reused working arrays (no temporaries), operation for operation. */
    private void updateWithNd4j(int index, Parameter parameter, INDArray buffer) {
        INDArray value = parameter.value();
        INDArray direction = parameter.grad();
        if (weightDecay != 0) {
            direction = scratch(index, 0).assign(value).muli(weightDecay).addi(direction);
        }
        if (buffer != null) {
            buffer.muli(momentum).addi(direction);
            direction = nesterov ? scratch(index, 1).assign(buffer).muli(momentum).addi(direction) : buffer;
        }
        value.subi(scratch(index, 2).assign(direction).muli(learningRate()));
    }

    /**
     * {@link #updateWithNd4j} in one pass over each element (see {@link FusedFloatUpdate}): the same
     * float operations in the same order, each scalar rounded to float as ND4J's scalar ops round it.
     */
    private void updateFloats(Parameter parameter, INDArray bufferArray) {
        float decay = (float) weightDecay;
        float mu = (float) momentum;
        float lr = (float) learningRate();
        boolean addsL2 = weightDecay != 0;
        FloatBuffer p = FusedFloatUpdate.floats(parameter.value());
        FloatBuffer grad = FusedFloatUpdate.floats(parameter.grad());
        FloatBuffer b = bufferArray == null ? null : FusedFloatUpdate.floats(bufferArray);
        FusedFloatUpdate.forEachChunk(parameter.value().length(), (from, to) -> {
            for (int i = from; i < to; i++) {
                float pi = p.get(i);
                float d = addsL2 ? pi * decay + grad.get(i) : grad.get(i);
                if (b != null) {
                    float bi = b.get(i) * mu + d;
                    b.put(i, bi);
                    d = nesterov ? bi * mu + d : bi;
                }
                p.put(i, pi - d * lr);
            }
        });
    }

    public double momentum() {
        return momentum;
    }

    public boolean nesterov() {
        return nesterov;
    }

    public double weightDecay() {
        return weightDecay;
    }

    /** Settings of {@link SGD}; defaults: no momentum, no Nesterov, no weight decay. */
    public static final class Builder {
        private final List<Parameter> parameters;
        private final double learningRate;
        private double momentum;
        private boolean nesterov;
        private double weightDecay;

        private Builder(List<Parameter> parameters, double learningRate) {
            this.parameters = parameters;
            this.learningRate = learningRate;
        }

        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public SGD build() {
            OptimizerSettings.inRange("SGD", "momentum", momentum, 0, false, Double.MAX_VALUE);
            OptimizerSettings.inRange("SGD", "weightDecay", weightDecay, 0, false, Double.MAX_VALUE);
            if (nesterov && momentum == 0) {
                throw new IllegalArgumentException("SGD: nesterov requires a momentum > 0, got momentum 0");
            }
            return new SGD(this);
        }
    }
}
