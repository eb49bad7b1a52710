package org.convlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.convlab.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each optimizer against its textbook update written out in plain double arithmetic, on the
 * quadratic {@code f(p) = sum_i a_i (p_i - c_i)^2} whose gradient is {@code 2 a (p - c)}.
 */
class OptimizerTest {
    private static final double[] A = {1.0, 3.0, 0.5};
    private static final double[] C = {0.25, -1.0, 2.0};
    private static final double[] START = {1.0, -2.0, 0.5};

    private static double[] gradient(double[] p) {
        double[] g = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            g[i] = 2 * A[i] * (p[i] - C[i]);
        }
        return g;
    }

    /** Two parameters: "w" holds elements 0-1 of START, "b" element 2, so multi-parameter indexing is exercised. */
    private static List<Parameter> parameters() {
        return List.of(new Parameter("w", Nd4j.createFromArray(START[0], START[1])),
                new Parameter("b", Nd4j.createFromArray(START[2])));
    }

    private static double[] flatValues(List<Parameter> ps) {
        double[] w = ps.get(0).value().toDoubleVector();
        return new double[] {w[0], w[1], ps.get(1).value().getDouble(0)};
    }

    /** Sets every gradient from the current values, as a backward pass would. */
    private static void computeGradients(List<Parameter> ps) {
        double[] g = gradient(flatValues(ps));
        ps.get(0).grad().assign(Nd4j.createFromArray(g[0], g[1]));
        ps.get(1).grad().assign(Nd4j.createFromArray(g[2]));
    }

    private static double[][] runOptimizer(Function<List<Parameter>, Optimizer> make, int steps) {
        List<Parameter> ps = parameters();
        Optimizer opt = make.apply(ps);
        double[][] trajectory = new double[steps][];
        for (int s = 0; s < steps; s++) {
            computeGradients(ps);
            opt.step();
            trajectory[s] = flatValues(ps);
        }
        assertEquals(steps, opt.stepCount());
        return trajectory;
    }

    private static void assertTrajectory(double[][] expected, double[][] actual) {
        for (int s = 0; s < expected.length; s++) {
            assertArrayEquals(expected[s], actual[s], 1e-12, "after step " + (s + 1));
        }
    }

    private static double[][] referenceSgd(double lr, double momentum, boolean nesterov, double wd, int steps) {
        double[] p = START.clone();
        double[] buf = new double[p.length];
        double[][] out = new double[steps][];
        for (int s = 0; s < steps; s++) {
            double[] g = gradient(p);
            for (int i = 0; i < p.length; i++) {
                double d = g[i] + wd * p[i];
                if (momentum != 0) {
                    buf[i] = s == 0 ? d : momentum * buf[i] + d;
                    d = nesterov ? d + momentum * buf[i] : buf[i];
                }
                p[i] -= lr * d;
            }
            out[s] = p.clone();
        }
        return out;
    }

    private static double[][] referenceAdam(double lr, double b1, double b2, double eps, double wd,
            boolean decoupled, int steps) {
        double[] p = START.clone();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        double[][] out = new double[steps][];
        for (int t = 1; t <= steps; t++) {
            double[] g = gradient(p);
            for (int i = 0; i < p.length; i++) {
                double gi = g[i];
                if (decoupled) {
                    p[i] -= lr * wd * p[i];
                } else {
                    gi += wd * p[i];
                }
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            out[t - 1] = p.clone();
        }
        return out;
    }

    @Test
    void plainSgdFollowsTheTextbookUpdate() {
        assertTrajectory(referenceSgd(0.1, 0, false, 0, 4),
                runOptimizer(ps -> SGD.builder(ps, 0.1).build(), 4));
    }

    @Test
    void sgdWithMomentumAndWeightDecayFollowsTheTextbookUpdate() {
        assertTrajectory(referenceSgd(0.05, 0.9, false, 0.1, 5),
                runOptimizer(ps -> SGD.builder(ps, 0.05).momentum(0.9).weightDecay(0.1).build(), 5));
    }

    @Test
    void nesterovSgdFollowsTheTextbookUpdate() {
        assertTrajectory(referenceSgd(0.05, 0.8, true, 0.01, 5),
                runOptimizer(ps -> SGD.builder(ps, 0.05).momentum(0.8).nesterov(true).weightDecay(0.01).build(), 5));
    }

    @Test
    void adamFollowsTheTextbookUpdate() {
        assertTrajectory(referenceAdam(0.1, 0.9, 0.999, 1e-8, 0, false, 5),
                runOptimizer(ps -> Adam.builder(ps).learningRate(0.1).build(), 5));
    }

    @Test
    void adamWithL2WeightDecayFollowsTheTextbookUpdate() {
        assertTrajectory(referenceAdam(0.1, 0.8, 0.99, 1e-3, 0.2, false, 5),
                runOptimizer(ps -> Adam.builder(ps).learningRate(0.1).betas(0.8, 0.99).eps(1e-3)
                        .weightDecay(0.2).build(), 5));
    }

    @Test
    void adamWDecouplesWeightDecay() {
        double[][] expected = referenceAdam(0.1, 0.9, 0.999, 1e-8, 0.2, true, 5);
        assertTrajectory(expected, runOptimizer(ps -> AdamW.builder(ps).learningRate(0.1).weightDecay(0.2).build(), 5));
        // The decoupled decay really is a different method from the L2 form.
        double[][] l2 = referenceAdam(0.1, 0.9, 0.999, 1e-8, 0.2, false, 5);
        assertTrue(Math.abs(l2[4][0] - expected[4][0]) > 1e-6);
    }

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("sgd", (Function<List<Parameter>, Optimizer>) ps -> SGD.builder(ps, 0.1).build()),
                Arguments.of("sgd-momentum", (Function<List<Parameter>, Optimizer>) ps ->
                        SGD.builder(ps, 0.05).momentum(0.9).weightDecay(1e-3).build()),
                Arguments.of("sgd-nesterov", (Function<List<Parameter>, Optimizer>) ps ->
                        SGD.builder(ps, 0.05).momentum(0.9).nesterov(true).build()),
                Arguments.of("adam", (Function<List<Parameter>, Optimizer>) ps ->
                        Adam.builder(ps).learningRate(0.05).build()),
                Arguments.of("adamw", (Function<List<Parameter>, Optimizer>) ps ->
                        AdamW.builder(ps).learningRate(0.05).weightDecay(1e-4).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void minimisesAConvexQuadratic(String name, Function<List<Parameter>, Optimizer> make) {
        double[][] trajectory = runOptimizer(make, 400);
        assertArrayEquals(C, trajectory[399], 2e-3, name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void nonFiniteGradientIsRefusedWithoutTouchingWeightsOrState(String name, Function<List<Parameter>, Optimizer> make) {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            List<Parameter> ps = parameters();
            Optimizer opt = make.apply(ps);
            for (int s = 0; s < 3; s++) { // non-zero state first, so "unchanged" means something
                computeGradients(ps);
                opt.step();
            }
            computeGradients(ps);
            ps.get(1).grad().assign(bad);
            double[] before = flatValues(ps);
            Map<String, double[]> stateBefore = snapshot(opt.state());

            NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class, opt::step);
            String expectedWord = Double.isNaN(bad) ? "NaN" : "infinite";
            assertTrue(e.getMessage().contains("parameter 1") && e.getMessage().contains("'b'")
                    && e.getMessage().contains(expectedWord), e.getMessage());
            assertEquals(1, e.parameterIndex());
            assertEquals("b", e.parameterName());
            assertArrayEquals(before, flatValues(ps), 0, name);
            assertEquals(3, opt.stepCount());
            Map<String, double[]> stateAfter = snapshot(opt.state());
            assertEquals(stateBefore.keySet(), stateAfter.keySet());
            stateBefore.forEach((k, v) -> assertArrayEquals(v, stateAfter.get(k), 0, k));
        }
    }

    /**
     * FLOAT gradients are scanned by one Java pass in parallel chunks: a NaN anywhere (even after an
     * infinity in an earlier chunk) is named NaN, an infinity alone "infinite", exactly as the ND4J
     * check names them, and nothing changes, not even the parameter listed before the bad one.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void nonFiniteFloatGradientIsNamedLikeNd4jAndRefusedBeforeAnyChange(String name,
            Function<List<Parameter>, Optimizer> make) {
        int large = 5 * FusedFloatUpdate.CHUNK + 11;
        long[][] cases = { // {position of an infinity or -1, position of a NaN or -1, sign of the infinity}
            {-1, large - 1, 1}, {3, -1, 1}, {large - 2, -1, -1}, {2, 4 * FusedFloatUpdate.CHUNK + 5, 1}, {5, 9, -1}};
        for (boolean fusedPath : new boolean[] {true, false}) {
            for (long[] c : cases) {
                List<Parameter> ps = List.of(new Parameter("w", org.convlab.nn.Init.uniform(1, DataType.FLOAT, -1, 1, 7)),
                        new Parameter("b", org.convlab.nn.Init.uniform(2, DataType.FLOAT, -1, 1, large)));
                Optimizer opt = make.apply(ps);
                opt.fusedFloatPath = fusedPath;
                for (int s = 0; s < 2; s++) { // non-zero state first, so "unchanged" means something
                    ps.forEach(p -> p.grad().assign(p.value()));
                    opt.step();
                }
                ps.forEach(p -> p.grad().assign(p.value()));
                if (c[0] >= 0) {
                    ps.get(1).grad().putScalar(c[0], c[2] * Float.POSITIVE_INFINITY);
                }
                if (c[1] >= 0) {
                    ps.get(1).grad().putScalar(c[1], Float.NaN);
                }
                List<float[]> before = ps.stream().map(p -> p.value().toFloatVector()).toList();
                Map<String, double[]> stateBefore = snapshot(opt.state());

                NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class, opt::step);
                String expected = c[1] >= 0 ? "NaN" : "infinite";
                String other = c[1] >= 0 ? "infinite" : "NaN";
                String where = name + (fusedPath ? " fused " : " nd4j ") + java.util.Arrays.toString(c);
                assertTrue(e.getMessage().contains("parameter 1") && e.getMessage().contains(expected)
                        && !e.getMessage().contains(other), where + ": " + e.getMessage());
                for (int i = 0; i < ps.size(); i++) {
                    assertArrayEquals(before.get(i), ps.get(i).value().toFloatVector(), 0, where);
                }
                assertEquals(2, opt.stepCount());
                Map<String, double[]> stateAfter = snapshot(opt.state());
                stateBefore.forEach((k, v) -> assertArrayEquals(v, stateAfter.get(k), 0, where + " " + k));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void restoredStateContinuesBitIdentically(String name, Function<List<Parameter>, Optimizer> make) {
        List<Parameter> uninterrupted = parameters();
        Optimizer a = make.apply(uninterrupted);
        List<Parameter> first = parameters();
        Optimizer b = make.apply(first);
        for (int s = 0; s < 7; s++) {
            computeGradients(uninterrupted);
            a.step();
            computeGradients(first);
            b.step();
        }
        // A fresh process: new parameters holding copies of the values, a new optimizer, the saved state.
        Map<String, INDArray> saved = b.state();
        List<Parameter> restored = List.of(new Parameter("w", first.get(0).value().dup()),
                new Parameter("b", first.get(1).value().dup()));
        Optimizer c = make.apply(restored);
        c.setLearningRate(123.0); // must be overwritten by the saved rate
        c.loadState(saved);
        assertEquals(7, c.stepCount());
        for (int s = 0; s < 9; s++) {
            computeGradients(uninterrupted);
            a.step();
            computeGradients(restored);
            c.step();
        }
        assertArrayEquals(flatValues(uninterrupted), flatValues(restored), 0, name);
    }

    @Test
    void stateIsKeyedByParameterIndexAndSlotAndIsACopy() {
        List<Parameter> ps = parameters();
        Optimizer opt = Adam.builder(ps).build();
        computeGradients(ps);
        opt.step();
        Map<String, INDArray> state = opt.state();
        assertEquals(List.of("step", "lr", "0.exp_avg", "0.exp_avg_sq", "1.exp_avg", "1.exp_avg_sq"),
                List.copyOf(state.keySet()));
        assertEquals(1.0, state.get("step").getDouble(0));
        double[] saved = state.get("0.exp_avg").toDoubleVector();
        computeGradients(ps);
        opt.step();
        assertArrayEquals(saved, state.get("0.exp_avg").toDoubleVector(), 0);
        assertEquals(List.of("step", "lr", "0.momentum_buffer", "1.momentum_buffer"),
                List.copyOf(SGD.builder(ps, 0.1).momentum(0.9).build().state().keySet()));
    }

    @Test
    void loadStateRejectsMismatchesBeforeChangingAnything() {
        List<Parameter> ps = parameters();
        Optimizer opt = SGD.builder(ps, 0.1).momentum(0.9).build();
        Map<String, INDArray> good = opt.state();
        Map<String, INDArray> missing = new LinkedHashMap<>(good);
        missing.remove("1.momentum_buffer");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.loadState(missing));
        assertTrue(e.getMessage().contains("1.momentum_buffer"), e.getMessage());

        Map<String, INDArray> wrongShape = new LinkedHashMap<>(good);
        wrongShape.put("step", Nd4j.scalar(5.0));
        wrongShape.put("0.momentum_buffer", Nd4j.zeros(DataType.DOUBLE, 3));
        e = assertThrows(IllegalArgumentException.class, () -> opt.loadState(wrongShape));
        assertTrue(e.getMessage().contains("0.momentum_buffer") && e.getMessage().contains("[3]"), e.getMessage());
        assertEquals(0, opt.stepCount());

        Map<String, INDArray> adamState = Adam.builder(parameters()).build().state();
        assertThrows(IllegalArgumentException.class, () -> opt.loadState(adamState));
    }

    @Test
    void zeroGradClearsEveryGradient() {
        List<Parameter> ps = parameters();
        computeGradients(ps);
        SGD.builder(ps, 0.1).build().zeroGrad();
        assertArrayEquals(new double[] {0, 0}, ps.get(0).grad().toDoubleVector(), 0);
        assertArrayEquals(new double[] {0}, ps.get(1).grad().toDoubleVector(), 0);

        // FLOAT, of a view's shape too, holding NaN, infinities and -0.0: every element becomes +0.0.
        INDArray parent = Nd4j.create(DataType.FLOAT, 6, 5);
        for (INDArray value : new INDArray[] {Nd4j.create(DataType.FLOAT, 4, 3),
                parent.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 5), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3))}) {
            Parameter p = new Parameter("f", value);
            p.grad().assign(Nd4j.createFromArray(Float.NaN, Float.POSITIVE_INFINITY, -0f, 1f, -2f, 3e-40f,
                    Float.NEGATIVE_INFINITY, 7f, 8f, 9f, 10f, 11f).reshape(4, 3));
            p.zeroGrad();
            float[] zeroed = p.grad().dup('c').data().asFloat();
            for (int i = 0; i < zeroed.length; i++) {
                assertEquals(0, Float.floatToRawIntBits(zeroed[i]), "element " + i + " is " + zeroed[i]);
            }
        }
    }

    @Test
    void floatParametersStayFloat() {
        Parameter p = new Parameter("w", Nd4j.createFromArray(1f, 2f));
        p.grad().assign(Nd4j.createFromArray(0.5f, -0.5f));
        Adam.builder(List.of(p)).learningRate(0.1).build().step();
        assertEquals(DataType.FLOAT, p.value().dataType());
        // Adam's first step moves each weight by lr against the gradient's sign.
        assertArrayEquals(new float[] {0.9f, 2.1f}, p.value().toFloatVector(), 1e-6f);
    }

    @Test
    void invalidSettingsAreRejectedByName() {
        List<Parameter> ps = parameters();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SGD.builder(ps, 0.1).nesterov(true).build());
        assertTrue(e.getMessage().contains("nesterov"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Adam.builder(ps).betas(1.0, 0.999).build());
        assertTrue(e.getMessage().contains("beta1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SGD.builder(ps, -1).build());
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
        Parameter p = ps.get(0);
        e = assertThrows(IllegalArgumentException.class, () -> SGD.builder(List.of(p, p), 0.1).build());
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    private static Map<String, double[]> snapshot(Map<String, INDArray> state) {
        Map<String, double[]> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, v.dup().data().asDouble()));
        return out;
    }
}
