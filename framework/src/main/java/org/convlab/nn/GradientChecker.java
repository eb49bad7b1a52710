package org.convlab.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference gradient checks in double precision, for framework layers and for your own.
 *
 * <p>A layer is checked through the scalar {@code L = sum(forward(x) * R)} with a fixed random
 * {@code R}: its backward pass, fed {@code R}, must return dL/dx and add dL/dp into every
 * parameter's gradient. Each is compared with central differences
 * {@code (L(v + eps) - L(v - eps)) / (2 eps)}, element by element, as the relative error
 * {@code ||analytic - numeric|| / (||analytic|| + ||numeric||)} per array.
 *
 * <pre>{@code
 * GradientChecker.Result r = GradientChecker.check(layer, input);   // input must be DOUBLE
 * assert r.maxRelativeError() < 1e-6 : r;
 * }</pre>
 */
public final class GradientChecker {
    /** The default step; small enough for accuracy, large enough to keep round-off below 1e-8. */
    public static final double DEFAULT_EPS = 1e-6;

    private GradientChecker() {
    }

    /** The relative error of each checked array ("input", then "weight", "bias", ...). */
    public record Result(Map<String, Double> relativeErrors) {
        public double maxRelativeError() {
            return relativeErrors.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        public boolean passed(double tolerance) {
            return maxRelativeError() <= tolerance;
        }

        @Override
        public String toString() {
            return "gradient check " + relativeErrors;
        }
    }

    /** Checks the input gradient and every parameter gradient of {@code layer} at {@code input}. */
    public static Result check(Layer layer, INDArray input) {
        return check(layer, input, DEFAULT_EPS, 12345L);
    }

    public static Result check(Layer layer, INDArray input, double eps, long seed) {
        if (input.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("GradientChecker: gradients are checked in DOUBLE; got an input of "
                    + input.dataType() + " (build the layer with .dataType(DataType.DOUBLE))");
        }
        INDArray x = input.dup();
        layer.setInputGradientNeeded(true); // the input gradient is one of the checked gradients
        INDArray out = layer.forward(x);
        INDArray r = Init.uniform(seed, DataType.DOUBLE, -0.5, 0.5, out.shape());
        for (Parameter p : layer.parameters()) {
            p.zeroGrad();
        }
        INDArray analyticInput = layer.backward(r.dup()).dup();
        Map<String, INDArray> analytic = new LinkedHashMap<>();
        Map<String, INDArray> wrt = new LinkedHashMap<>();
        analytic.put("input", analyticInput);
        wrt.put("input", x);
        for (Parameter p : layer.parameters()) {
            analytic.put(p.name(), p.grad().dup());
            wrt.put(p.name(), p.value());
        }
        DoubleSupplier loss = () -> {
            try (GradMode.Scope ignored = GradMode.disabled()) {
                return layer.forward(x).mul(r).sumNumber().doubleValue();
            }
        };
        Map<String, Double> errors = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : wrt.entrySet()) {
            INDArray numeric = numericGradient(loss, e.getValue(), eps);
            errors.put(e.getKey(), relativeError(analytic.get(e.getKey()), numeric));
        }
        for (Parameter p : layer.parameters()) {
            p.zeroGrad();
        }
        return new Result(errors);
    }

    /**
     * Central-difference gradient of a scalar function with respect to every element of {@code x},
     * which is perturbed in place and restored.
     */
    public static INDArray numericGradient(DoubleSupplier f, INDArray x, double eps) {
        if (x.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("GradientChecker: expected a DOUBLE array, got " + x.dataType());
        }
        INDArray flat = x.isView() || x.ordering() != 'c' ? null : x;
        if (flat == null) {
            throw new IllegalArgumentException("GradientChecker: the checked array must be a contiguous c-order array");
        }
        double[] original = x.data().asDouble();
        double[] grad = new double[original.length];
        for (int i = 0; i < original.length; i++) {
            x.data().put(i, original[i] + eps);
            double plus = f.getAsDouble();
            x.data().put(i, original[i] - eps);
            double minus = f.getAsDouble();
            x.data().put(i, original[i]);
            grad[i] = (plus - minus) / (2 * eps);
        }
        return Nd4j.create(grad, x.shape(), 'c');
    }

    /** {@code ||a - b|| / (||a|| + ||b||)}, 0 when both are 0. */
    public static double relativeError(INDArray analytic, INDArray numeric) {
        double diff = analytic.sub(numeric).norm2Number().doubleValue();
        double scale = analytic.norm2Number().doubleValue() + numeric.norm2Number().doubleValue();
        return scale == 0 ? 0 : diff / scale;
    }

    /** Names of the checked arrays whose relative error exceeds {@code tolerance}. */
    public static List<String> failures(Result result, double tolerance) {
        List<String> out = new ArrayList<>();
        result.relativeErrors().forEach((k, v) -> {
            if (!(v <= tolerance)) {
                out.add(k + "=" + v);
            }
        });
        return out;
    }
}
