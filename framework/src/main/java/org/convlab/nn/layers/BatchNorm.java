package org.convlab.nn.layers;

import org.convlab.nn.SavedForBackward;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.nn.Checks;
import org.convlab.nn.Layer;
import org.convlab.nn.MemoryBudget;
import org.convlab.nn.Parameter;
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

    private record Saved(long[] shape, double[] xHat, double[] invStd, double[] gamma, boolean training) {
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

    @Override
    public INDArray forward(INDArray input) {
        long[] shape = input.shape();
        outputShape(shape);
        Checks.requireDataType(name(), input, dataType);
        int n = (int) shape[0];
        int area = HostArrays.product(shape, 2);
        int m = n * area;
        double[] x = HostArrays.read(input);
        double[] mean;
        double[] var;
        if (training) {
            if (m < 2) {
                throw new IllegalArgumentException(name() + ": training needs more than one value per channel, got input shape "
                        + Arrays.toString(shape) + " (use eval mode for a single sample)");
            }
            mean = channelMeans(x, n, area, null);
            var = channelMeans(x, n, area, mean);
            updateRunningStatistics(mean, var, m);
        } else {
            mean = HostArrays.read(runningMean);
            var = HostArrays.read(runningVar);
        }
        double[] invStd = new double[features];
        for (int c = 0; c < features; c++) {
            invStd[c] = 1 / Math.sqrt(var[c] + eps);
        }
        double[] gamma = HostArrays.read(weight.value());
        double[] beta = HostArrays.read(bias.value());
        double[] xHat = new double[x.length];
        double[] y = new double[x.length];
        int i = 0;
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < features; c++) {
                for (int s = 0; s < area; s++, i++) {
                    xHat[i] = (x[i] - mean[c]) * invStd[c];
                    y[i] = gamma[c] * xHat[i] + beta[c];
                }
            }
        }
        saved.push(new Saved(shape, xHat, invStd, gamma, training));
        return HostArrays.write(y, dataType, shape);
    }

    /** Per-channel mean of x, or of (x - centre)^2 when centre is given (the biased variance). */
    private double[] channelMeans(double[] x, int n, int area, double[] centre) {
        double[] sum = new double[features];
        int i = 0;
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < features; c++) {
                for (int s = 0; s < area; s++, i++) {
                    double v = centre == null ? x[i] : x[i] - centre[c];
                    sum[c] += centre == null ? v : v * v;
                }
            }
        }
        for (int c = 0; c < features; c++) {
            sum[c] /= (double) n * area;
        }
        return sum;
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
     * {@code dx = gamma * invStd * g}.
     */
    @Override
    public INDArray backward(INDArray gradOutput) {
        Saved s = saved.pop();
        Checks.requireSameShape(name() + " backward gradOutput", s.shape(), gradOutput.shape());
        Checks.requireDataType(name() + " backward", gradOutput, dataType);
        int n = (int) s.shape()[0];
        int area = HostArrays.product(s.shape(), 2);
        double m = (double) n * area;
        double[] g = HostArrays.read(gradOutput);
        double[] xHat = s.xHat();
        double[] dGamma = new double[features];
        double[] dBeta = new double[features];
        int i = 0;
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < features; c++) {
                for (int k = 0; k < area; k++, i++) {
                    dGamma[c] += g[i] * xHat[i];
                    dBeta[c] += g[i];
                }
            }
        }
        double[] dx = new double[g.length];
        i = 0;
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < features; c++) {
                double scale = s.gamma()[c] * s.invStd()[c];
                for (int k = 0; k < area; k++, i++) {
                    dx[i] = s.training()
                            ? scale * (g[i] - dBeta[c] / m - xHat[i] * dGamma[c] / m)
                            : scale * g[i];
                }
            }
        }
        weight.grad().addi(HostArrays.write(dGamma, dataType, features));
        bias.grad().addi(HostArrays.write(dBeta, dataType, features));
        return HostArrays.write(dx, dataType, s.shape());
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
