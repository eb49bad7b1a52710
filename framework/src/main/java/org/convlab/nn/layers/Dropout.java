package org.convlab.nn.layers;

import org.convlab.nn.SavedForBackward;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.convlab.nn.Checks;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout: in training each element is zeroed with probability {@code p} and the survivors
 * scaled by {@code 1 / (1 - p)}, so evaluation is the identity. The mask of the k-th training call
 * comes from a {@link SplittableRandom} seeded with the layer's seed and k: the same seed gives the
 * same sequence of masks, and the call counter (the buffer {@code "calls"}) is all a checkpoint
 * needs to continue that sequence after a restart.
 */
public final class Dropout implements Layer {
    private final double p;
    private final double keepScale;
    private final long seed;
    // Live array, assigned in place by a checkpoint restore: the number of training-mode calls so far.
    private final INDArray calls = Nd4j.scalar(0L);
    /** Saved by an evaluation-mode call (the deque takes no nulls). */
    private static final double[] IDENTITY = new double[0];

    // One entry per forward call: the mask times the scale, or IDENTITY for an evaluation-mode call.
    private final SavedForBackward<double[]> savedMasks = new SavedForBackward<>(name());
    private boolean training = true;

    public Dropout(double p, long seed) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1], got " + p);
        }
        this.p = p;
        this.keepScale = p < 1 ? 1 / (1 - p) : 0; // p = 1 drops everything, as in PyTorch
        this.seed = seed;
    }

    /** Seed 0. */
    public Dropout(double p) {
        this(p, 0);
    }

    @Override
    public INDArray forward(INDArray input) {
        Checks.requireFloatingPoint(name(), input);
        outputShape(input.shape());
        if (!training) {
            savedMasks.push(IDENTITY);
            return input;
        }
        long call = calls.getLong(0);
        calls.assign(call + 1);
        SplittableRandom random = new SplittableRandom(seed ^ (call + 1) * 0x9E3779B97F4A7C15L);
        double[] x = HostArrays.read(input);
        double[] mask = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            mask[i] = random.nextDouble() < p ? 0 : keepScale;
            x[i] *= mask[i];
        }
        savedMasks.push(mask);
        return HostArrays.write(x, input.dataType(), input.shape());
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        double[] mask = savedMasks.pop();
        if (mask == IDENTITY) {
            return gradOutput;
        }
        if (gradOutput.length() != mask.length) {
            throw new IllegalArgumentException(name() + " backward: gradOutput has " + gradOutput.length()
                    + " elements, the forward output had " + mask.length);
        }
        double[] g = HostArrays.read(gradOutput);
        for (int i = 0; i < g.length; i++) {
            g[i] *= mask[i];
        }
        return HostArrays.write(g, gradOutput.dataType(), gradOutput.shape());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public long[] outputShape(long... inputShape) {
        if (inputShape.length == 0) {
            throw new IllegalArgumentException(name() + ": expected an input of shape [N, ...] (rank >= 1), got a scalar shape []");
        }
        return inputShape.clone();
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    public double p() {
        return p;
    }

    public long seed() {
        return seed;
    }

    /** {@code calls}: the number of training-mode forward calls, which positions the mask sequence. */
    @Override
    public Map<String, INDArray> buffers() {
        return Map.of("calls", calls);
    }
}
