package org.convlab.nn.layers;

import org.convlab.nn.SavedForBackward;
import java.util.ArrayList;
import java.util.List;
import org.convlab.nn.Checks;
import org.convlab.nn.Costed;
import org.convlab.nn.Init;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.convlab.nn.Recycler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fully connected layer {@code y = x W^T + b} on {@code [N, in]} inputs, with {@code weight: [out, in]}
 * and {@code bias: [out]} initialised as in PyTorch: both {@code U(-1/sqrt(in), 1/sqrt(in))}.
 *
 * <pre>{@code
 * Linear fc = Linear.builder(784, 10).dataType(DataType.DOUBLE).seed(7).build();
 * }</pre>
 */
public final class Linear implements Layer, Costed {
    private final int in;
    private final int out;
    private final DataType dataType;
    private final long seed;
    private final Parameter weight;
    private final Parameter bias; // null without bias
    private final SavedForBackward<Saved> savedInputs = new SavedForBackward<>(name());
    private final Recycler arrays = new Recycler();
    private boolean inputGradientNeeded = true;

    private record Saved(INDArray input, INDArray output) {
    }

    /** A FLOAT layer with bias and the next default seed ({@link Init#nextSeed()}). */
    public Linear(int in, int out) {
        this(builder(in, out));
    }

    private Linear(Builder b) {
        this.in = Checks.positive("Linear", "in", b.in);
        this.out = Checks.positive("Linear", "out", b.out);
        if (b.dataType != DataType.FLOAT && b.dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("Linear: dataType must be FLOAT or DOUBLE, got " + b.dataType);
        }
        this.dataType = b.dataType;
        this.seed = b.seed;
        this.weight = new Parameter("weight", Init.kaimingUniform(b.seed, dataType, in, out, in));
        // A different stream for the bias, so it is not a copy of the first weights.
        this.bias = b.bias ? new Parameter("bias", Init.kaimingUniform(b.seed + 1, dataType, in, out)) : null;
    }

    public static Builder builder(int in, int out) {
        return new Builder(in, out);
    }

    /** Required sizes first; then optional bias (default on), data type (FLOAT) and seed (default {@link Init#nextSeed()}). */
    public static final class Builder {
        private final int in;
        private final int out;
        private boolean bias = true;
        private DataType dataType = DataType.FLOAT;
        private long seed = Init.nextSeed();

        private Builder(int in, int out) {
            this.in = in;
            this.out = out;
        }

        public Builder bias(boolean bias) {
            this.bias = bias;
            return this;
        }

        public Builder dataType(DataType dataType) {
            this.dataType = dataType;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Linear build() {
            return new Linear(this);
        }
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public DataType dataType() {
        return dataType;
    }

    /** The seed the weights were drawn with. */
    public long seed() {
        return seed;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias parameter, or null for a layer built with {@code .bias(false)}. */
    public Parameter bias() {
        return bias;
    }

    /** Told false by a {@link org.convlab.nn.Sequential} when this layer's input is data: backward then skips dx. */
    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    /**
     * {@code y = x W^T + b}: one GEMM into a reused output (the {@link Recycler} aliasing rule), then
     * the bias row added in place.
     */
    @Override
    public INDArray forward(INDArray input) {
        outputShape(input.shape());
        Checks.requireDataType(name(), input, dataType);
        INDArray y = arrays.output(dataType, new long[] {input.size(0), out});
        Nd4j.gemm(input, weight.value(), y, false, true, 1.0, 0.0);
        if (bias != null) {
            y.addiRowVector(bias.value());
        }
        savedInputs.push(new Saved(input, y));
        return y;
    }

    /**
     * {@code dW += dy^T x} (a GEMM that accumulates straight into the gradient), {@code db += sum_n dy},
     * and {@code dx = dy W}, or null when the input gradient is not needed.
     */
    @Override
    public INDArray backward(INDArray gradOutput) {
        Saved s = savedInputs.pop();
        INDArray x = s.input();
        Checks.requireSameShape(name() + " backward gradOutput", new long[] {x.size(0), out}, gradOutput.shape());
        Checks.requireDataType(name() + " backward", gradOutput, dataType);
        Nd4j.gemm(gradOutput, x, weight.grad(), true, false, 1.0, 1.0);
        if (bias != null) {
            bias.grad().addi(gradOutput.sum(0)); // db = sum over the batch of dy
        }
        arrays.release(s.output());
        if (!inputGradientNeeded) {
            return null;
        }
        INDArray dx = arrays.gradient(dataType, x.shape(), gradOutput);
        Nd4j.gemm(gradOutput, weight.value(), dx, false, false, 1.0, 0.0);
        return dx;
    }

    /** {@code weight}, then {@code bias} if present. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>(2);
        ps.add(weight);
        if (bias != null) {
            ps.add(bias);
        }
        return List.copyOf(ps);
    }

    @Override
    public long[] outputShape(long... inputShape) {
        Checks.requireRank(name(), inputShape, 2, "[N, in=" + in + "]");
        Checks.requireSize(name(), inputShape, 1, in, "input features [N, in=" + in + "]");
        return new long[] {inputShape[0], out};
    }

    /** {@code N * in * out}: one multiplication per weight per sample; the bias adds only. */
    @Override
    public long multiplications(long... inputShape) {
        outputShape(inputShape);
        return inputShape[0] * in * out;
    }
}
