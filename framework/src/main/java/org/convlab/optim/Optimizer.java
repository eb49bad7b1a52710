package org.convlab.optim;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.convlab.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Updates a fixed list of parameters from their accumulated gradients.
 *
 * <p>Per-parameter state ("slots", such as a momentum buffer) lives in arrays of the parameter's
 * shape and type, created as zeros and updated in place. {@link #state()} exports them under the keys
 * {@code "<parameter index>.<slot>"} together with {@code "step"} and {@code "lr"}, which is all a
 * checkpoint needs to continue bit-identically.
 *
 * <p>{@link #step()} first checks that every gradient is finite and throws
 * {@link NonFiniteGradientException} otherwise, before anything is modified.
 */
public abstract class Optimizer {
    public static final String STEP_KEY = "step";
    public static final String LEARNING_RATE_KEY = "lr";

    private final List<Parameter> parameters;
    private final List<String> slotNames;
    private final Map<String, INDArray> slots = new LinkedHashMap<>();
    private final Map<Integer, INDArray[]> scratch = new java.util.HashMap<>();
    private double learningRate;
    private int stepCount;
    /**
     * Whether FLOAT parameters take the one-pass loops of {@link FusedFloatUpdate}; false only in tests,
     * which compare those loops with the ND4J formulas on the same FLOAT arrays.
     */
    boolean fusedFloatPath = true;

    protected Optimizer(List<Parameter> parameters, double learningRate, List<String> slotNames) {
        this.parameters = List.copyOf(parameters);
        this.slotNames = List.copyOf(slotNames);
        requireDistinct(this.parameters);
        this.learningRate = checkedLearningRate(learningRate);
        for (int i = 0; i < this.parameters.size(); i++) {
            for (String slot : this.slotNames) {
                INDArray zeros = this.parameters.get(i).value().ulike();
                zeros.assign(0);
                slots.put(key(i, slot), zeros);
            }
        }
    }

    /** Applies one update to every parameter, after checking that every gradient is finite. */
    public final void step() {
        for (int i = 0; i < parameters.size(); i++) {
            requireFinite(i, parameters.get(i));
        }
        stepCount++;
        for (int i = 0; i < parameters.size(); i++) {
            update(i, parameters.get(i), stepCount);
        }
    }

    /**
     * Updates one parameter in place; {@code step} counts from 1 on the first update.
     * Gradients are already known to be finite here.
     */
    protected abstract void update(int index, Parameter parameter, int step);

    /** Sets every gradient to zero; call before each backward pass, since backward passes add. */
    public void zeroGrad() {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
    }

    public double learningRate() {
        return learningRate;
    }

    public void setLearningRate(double learningRate) {
        this.learningRate = checkedLearningRate(learningRate);
    }

    private double checkedLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": learning rate must be finite and >= 0, got " + learningRate);
        }
        return learningRate;
    }

    /** The number of completed steps. */
    public int stepCount() {
        return stepCount;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** The slot array of one parameter, updated in place by subclasses. */
    protected final INDArray slot(int index, String slot) {
        return slots.get(key(index, slot));
    }

    /**
     * Working array {@code which} (0, 1, ...) of the parameter's shape and type, made on first use and
     * reused by every later step, so an update allocates nothing; contents undefined, not state.
     */
    protected final INDArray scratch(int index, int which) {
        INDArray[] perParameter = scratch.computeIfAbsent(index, i -> new INDArray[which + 1]);
        if (perParameter.length <= which) {
            perParameter = Arrays.copyOf(perParameter, which + 1);
            scratch.put(index, perParameter);
        }
        if (perParameter[which] == null) {
            perParameter[which] = parameters.get(index).value().ulike();
        }
        return perParameter[which];
    }

    /** A copy of the optimizer state: every slot, the step count and the learning rate. */
    public Map<String, INDArray> state() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(STEP_KEY, Nd4j.scalar((double) stepCount));
        out.put(LEARNING_RATE_KEY, Nd4j.scalar(learningRate));
        slots.forEach((k, v) -> out.put(k, v.dup()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Restores a state exported by {@link #state()} of an optimizer of the same kind over parameters of
     * the same shapes. Everything is checked before anything is copied.
     *
     * @throws IllegalArgumentException on missing or unexpected keys, or a slot of the wrong shape or type
     */
    public void loadState(Map<String, INDArray> state) {
        String name = getClass().getSimpleName();
        Set<String> expected = new TreeSet<>(slots.keySet());
        expected.add(STEP_KEY);
        expected.add(LEARNING_RATE_KEY);
        if (!expected.equals(new TreeSet<>(state.keySet()))) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(state.keySet());
            Set<String> unexpected = new TreeSet<>(state.keySet());
            unexpected.removeAll(expected);
            throw new IllegalArgumentException(name + ": state keys do not match; missing " + missing
                    + ", unexpected " + unexpected);
        }
        for (Map.Entry<String, INDArray> e : slots.entrySet()) {
            INDArray given = state.get(e.getKey());
            if (!Arrays.equals(given.shape(), e.getValue().shape()) || given.dataType() != e.getValue().dataType()) {
                throw new IllegalArgumentException(name + ": state '" + e.getKey() + "' expected "
                        + e.getValue().dataType() + Arrays.toString(e.getValue().shape()) + ", got "
                        + given.dataType() + Arrays.toString(given.shape()));
            }
        }
        double step = state.get(STEP_KEY).getDouble(0);
        if (step < 0 || step != Math.rint(step) || step > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": state 'step' expected a whole number >= 0, got " + step);
        }
        double lr = checkedLearningRate(state.get(LEARNING_RATE_KEY).getDouble(0));
        learningRate = lr;
        stepCount = (int) step;
        slots.forEach((k, v) -> v.assign(state.get(k)));
    }

    private static String key(int index, String slot) {
        return index + "." + slot;
    }

    private void requireFinite(int index, Parameter p) {
        INDArray g = p.grad();
        String what;
        if (fusedFloatPath && FusedFloatUpdate.applies(g)) {
            what = nonFiniteFloats(g);
        } else if (BooleanIndexing.or(g, Conditions.notFinite())) {
            what = BooleanIndexing.or(g, Conditions.isNan()) ? "NaN" : "infinite";
        } else {
            what = null;
        }
        if (what != null) {
            throw new NonFiniteGradientException(index, p.name(), what);
        }
    }

    /** One scan of a FLOAT gradient: "NaN" if it holds a NaN, else "infinite" if it holds an infinity, else null. */
    private static String nonFiniteFloats(INDArray g) {
        FloatBuffer values = FusedFloatUpdate.floats(g);
        int worst = FusedFloatUpdate.maxOverChunks(g.length(), (from, to) -> {
            int verdict = 0; // 0 finite, 1 infinite, 2 NaN
            for (int i = from; i < to; i++) {
                float x = values.get(i);
                if (!Float.isFinite(x)) {
                    if (Float.isNaN(x)) {
                        return 2;
                    }
                    verdict = 1;
                }
            }
            return verdict;
        });
        return worst == 2 ? "NaN" : worst == 1 ? "infinite" : null;
    }

    private static void requireDistinct(List<Parameter> parameters) {
        Map<Parameter, Integer> seen = new IdentityHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Integer first = seen.putIfAbsent(parameters.get(i), i);
            if (first != null) {
                duplicates.add(parameters.get(i).name() + " at " + first + " and " + i);
            }
        }
        if (!duplicates.isEmpty()) {
            throw new IllegalArgumentException("Optimizer: a parameter listed twice would be updated twice: "
                    + duplicates);
        }
    }
}
