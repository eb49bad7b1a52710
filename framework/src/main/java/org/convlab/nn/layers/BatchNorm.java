package org.convlab.nn.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.convlab.nn.Checks;
import org.convlab.nn.Layer;
import org.convlab.nn.MemoryBudget;
import org.convlab.nn.Parameter;
import org.convlab.nn.Recycler;
import org.convlab.nn.SavedForBackward;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation over axis 1 of {@code [N, C, ...]}, for any number of trailing axes:
 * {@code y = weight * (x - mean) / sqrt(var + eps) + bias} per channel, as in PyTorch.
 *
 * <p>Training mode (the default) normalises with the batch mean and biased variance over
 * {@code M = N * spatial} values per channel and updates the buffers
 * {@code running = (1 - momentum) * running + momentum * batch}, the variance taken unbiased
 * ({@code * M / (M - 1)}). Evaluation mode normalises with the running statistics.
 * Parameters: {@code weight: [C]} (gamma, 1) then {@code bias: [C]} (beta, 0); buffers
 * {@code running_mean: [C]} (0) and {@code running_var: [C]} (1).
 */
public abstract sealed class BatchNorm implements Layer permits BatchNorm1d, BatchNorm2d, BatchNorm3d {
    public static final double DEFAULT_EPS = 1e-5;
    public static final double DEFAULT_MOMENTUM = 0.1;

    private record Saved(long[] shape, INDArray input, double[] mean, double[] invStd, double[] gamma, boolean training,
            INDArray output) {
    }

    private final int features;
    private final double eps;
    private final double momentum;
    private final DataType dataType;
    private final int[] ranks;
    private final String layouts;
    private final Parameter weight;
    private final Parameter bias;
    // Live arrays: updated in place, never replaced, so a checkpoint can assign into them.
    private final INDArray runningMean;
    private final INDArray runningVar;
    private final SavedForBackward<Saved> saved = new SavedForBackward<>(name());
    private boolean training = true;
    private final Recycler arrays = new Recycler();
    // Host copies reused from call to call: float[] for FLOAT, double[] for DOUBLE.
    private Object hostIn;
    private Object hostOut;
    private Object hostGrad;

    BatchNorm(int features, double eps, double momentum, DataType dataType, int[] ranks, String layouts) {
        this.features = Checks.positive(name(), "features", features);
        if (!(eps > 0)) {
            throw new IllegalArgumentException(name() + ": eps must be > 0, got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(name() + ": momentum must be in [0, 1], got " + momentum);
        }
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException(name() + ": dataType must be FLOAT or DOUBLE, got " + dataType);
        }
        this.eps = eps;
        this.momentum = momentum;
        this.dataType = dataType;
        this.ranks = ranks;
        this.layouts = layouts;
        // Four arrays of [features] plus two gradients, before a mistyped size allocates gigabytes natively.
        MemoryBudget.require(name() + " with " + features + " features", 6L * features * dataType.width());
        this.weight = new Parameter("weight", Nd4j.ones(dataType, features));
        this.bias = new Parameter("bias", Nd4j.zeros(dataType, features));
        this.runningMean = Nd4j.zeros(dataType, features);
        this.runningVar = Nd4j.ones(dataType, features);
    }

    /**
     * Channels run in parallel, each over its own slices of the arrays, summing its values in the
     * same order (sample, then position) whatever the thread count; the sums, the statistics and
     * every normalised value are computed in double, also for FLOAT data. Output and input gradient
     * follow the {@link Recycler} aliasing rule; the input is read again in backward, so it must not
     * change in between (as for every layer).
     */
    @Override
    public INDArray forward(INDArray input) {
        long[] shape = input.shape();
        outputShape(shape);
        Checks.requireDataType(name(), input, dataType);
        int n = (int) shape[0];
        int area = HostArrays.product(shape, 2);
        int m = n * area;
        hostIn = HostArrays.readTyped(input, hostIn);
        Object x = hostIn;
        double[] mean = new double[features];
        double[] var = new double[features];
        if (training) {
            if (m < 2) {
                throw new IllegalArgumentException(name() + ": training needs more than one value per channel, got input shape "
                        + Arrays.toString(shape) + " (use eval mode for a single sample)");
            }
            IntStream.range(0, features).parallel().forEach(c -> {
                mean[c] = channelMean(x, n, area, c, Double.NaN);
                var[c] = channelMean(x, n, area, c, mean[c]);
            });
            updateRunningStatistics(mean, var, m);
        } else {
            System.arraycopy(HostArrays.read(runningMean), 0, mean, 0, features);
            System.arraycopy(HostArrays.read(runningVar), 0, var, 0, features);
        }
        double[] invStd = new double[features];
        for (int c = 0; c < features; c++) {
            invStd[c] = 1 / Math.sqrt(var[c] + eps);
        }
        double[] gamma = HostArrays.read(weight.value());
        double[] beta = HostArrays.read(bias.value());
        hostOut = HostArrays.typedBuffer(dataType, n * features * area, hostOut);
        Object y = hostOut;
        IntStream.range(0, features).parallel().forEach(c -> {
            for (int b = 0; b < n; b++) {
                int base = (b * features + c) * area;
                for (int i = base; i < base + area; i++) {
                    double xHat = (value(x, i) - mean[c]) * invStd[c];
                    set(y, i, gamma[c] * xHat + beta[c]);
                }
            }
        });
        INDArray out = HostArrays.writeTyped(y, arrays.output(dataType, shape));
        saved.push(new Saved(shape, input, mean, invStd, gamma, training, out));
        return out;
    }

    /** The mean over channel c of x, or of (x - centre)^2 when centre is a number (the biased variance). */
    private double channelMean(Object x, int n, int area, int c, double centre) {
        double sum = 0;
        boolean squares = !Double.isNaN(centre);
        for (int b = 0; b < n; b++) {
            int base = (b * features + c) * area;
            for (int i = base; i < base + area; i++) {
                double v = squares ? value(x, i) - centre : value(x, i);
                sum += squares ? v * v : v;
            }
        }
        return sum / ((double) n * area);
    }

    private static double value(Object host, int i) {
        return host instanceof float[] f ? f[i] : ((double[]) host)[i];
    }

    private static void set(Object host, int i, double v) {
        if (host instanceof float[] f) {
            f[i] = (float) v;
        } else {
            ((double[]) host)[i] = v;
        }
    }

    private void updateRunningStatistics(double[] mean, double[] biasedVar, int m) {
        double[] rm = HostArrays.read(runningMean);
        double[] rv = HostArrays.read(runningVar);
        double unbias = m / (m - 1.0);
        for (int c = 0; c < features; c++) {
            rm[c] = (1 - momentum) * rm[c] + momentum * mean[c];
            rv[c] = (1 - momentum) * rv[c] + momentum * biasedVar[c] * unbias;
        }
        runningMean.assign(HostArrays.write(rm, dataType, features));
        runningVar.assign(HostArrays.write(rv, dataType, features));
    }

    /**
     * With {@code g = dy}, {@code dgamma = sum(g * xHat)}, {@code dbeta = sum(g)} per channel; in
     * training the batch statistics depend on x, so
     * {@code dx = gamma * invStd * (g - dbeta / M - xHat * dgamma / M)}; in evaluation
     * {@code dx = gamma * invStd * g}. {@code xHat} is recomputed from the saved input exactly as
     * forward computed it.
     */
    @Override
    public INDArray backward(INDArray gradOutput) {
        Saved s = saved.pop();
        Checks.requireSameShape(name() + " backward gradOutput", s.shape(), gradOutput.shape());
        Checks.requireDataType(name() + " backward", gradOutput, dataType);
        int n = (int) s.shape()[0];
        int area = HostArrays.product(s.shape(), 2);
        double m = (double) n * area;
        hostIn = HostArrays.readTyped(s.input(), hostIn);
        hostGrad = HostArrays.readTyped(gradOutput, hostGrad);
        hostOut = HostArrays.typedBuffer(dataType, n * features * area, hostOut);
        Object x = hostIn;
        Object g = hostGrad;
        Object dx = hostOut;
        double[] mean = s.mean();
        double[] invStd = s.invStd();
        double[] dGamma = new double[features];
        double[] dBeta = new double[features];
        IntStream.range(0, features).parallel().forEach(c -> {
            for (int b = 0; b < n; b++) {
                int base = (b * features + c) * area;
                for (int i = base; i < base + area; i++) {
                    double gi = value(g, i);
                    dGamma[c] += gi * ((value(x, i) - mean[c]) * invStd[c]);
                    dBeta[c] += gi;
                }
            }
            double scale = s.gamma()[c] * invStd[c];
            for (int b = 0; b < n; b++) {
                int base = (b * features + c) * area;
                for (int i = base; i < base + area; i++) {
                    double xHat = (value(x, i) - mean[c]) * invStd[c];
                    set(dx, i, s.training() ? scale * (value(g, i) - dBeta[c] / m - xHat * dGamma[c] / m)
                            : scale * value(g, i));
                }
            }
        });
        weight.grad().addi(HostArrays.write(dGamma, dataType, features));
        bias.grad().addi(HostArrays.write(dBeta, dataType, features));
        arrays.release(s.output());
        return HostArrays.writeTyped(dx, arrays.gradient(dataType, s.shape(), gradOutput));
    }

    /** {@code weight} (gamma), then {@code bias} (beta). */
    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public long[] outputShape(long... inputShape) {
        Checks.requireRankIn(name(), inputShape, ranks, layouts);
        Checks.requireSize(name(), inputShape, 1, features, "channels C in " + layouts);
        return inputShape.clone();
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    public boolean isTraining() {
        return training;
    }

    /** {@code running_mean} then {@code running_var}: the live arrays, not copies. */
    @Override
    public Map<String, INDArray> buffers() {
        Map<String, INDArray> b = new LinkedHashMap<>();
        b.put("running_mean", runningMean);
        b.put("running_var", runningVar);
        return b;
    }

    public int features() {
        return features;
    }

    public double eps() {
        return eps;
    }

    public double momentum() {
        return momentum;
    }

    public DataType dataType() {
        return dataType;
    }
}
