package org.convlab.autograd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.DoubleSupplier;
import org.convlab.nn.GradientChecker;
import org.convlab.nn.Init;
import org.convlab.nn.Parameter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks a tape-recorded graph against central differences: the scalar {@code L = sum(out * R)} with
 * a fixed random {@code R}; the tape, seeded with {@code R}, must give dL/d(every input) and add
 * dL/d(every parameter) into the parameters' gradients.
 */
final class TapeGradientCheck {
    private TapeGradientCheck() {
    }

    /** Relative errors by name: "input0", "input1", ..., then "param0:weight", ... */
    static Map<String, Double> relativeErrors(List<INDArray> inputs, List<Parameter> parameters,
            BiFunction<Tape, List<Variable>, Variable> graph) {
        Tape tape = new Tape();
        List<Variable> vars = new ArrayList<>();
        for (INDArray x : inputs) {
            vars.add(tape.input(x));
        }
        Variable out = graph.apply(tape, vars);
        INDArray r = Init.uniform(99, DataType.DOUBLE, -0.5, 0.5, out.shape());
        parameters.forEach(Parameter::zeroGrad);
        tape.backward(out, r);

        Map<String, INDArray> analytic = new LinkedHashMap<>();
        Map<String, INDArray> wrt = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            analytic.put("input" + i, vars.get(i).grad().dup());
            wrt.put("input" + i, inputs.get(i));
        }
        for (int i = 0; i < parameters.size(); i++) {
            analytic.put("param" + i + ":" + parameters.get(i).name(), parameters.get(i).grad().dup());
            wrt.put("param" + i + ":" + parameters.get(i).name(), parameters.get(i).value());
        }
        DoubleSupplier loss = () -> {
            Tape t = new Tape();
            List<Variable> vs = new ArrayList<>();
            for (INDArray x : inputs) {
                vs.add(t.input(x));
            }
            Variable o = graph.apply(t, vs);
            double value = o.value().mul(r).sumNumber().doubleValue();
            t.backward(o, r.mul(0)); // pops the layers' saved contexts; the gradients are not read
            return value;
        };
        Map<String, Double> errors = new LinkedHashMap<>();
        wrt.forEach((name, array) -> errors.put(name, GradientChecker.relativeError(analytic.get(name),
                GradientChecker.numericGradient(loss, array, GradientChecker.DEFAULT_EPS))));
        return errors;
    }
}
