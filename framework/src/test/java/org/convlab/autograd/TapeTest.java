package org.convlab.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convlab.autograd.TestLayers.MatMul;
import org.convlab.autograd.TestLayers.Scale;
import org.convlab.autograd.TestLayers.Tanh;
import org.convlab.nn.GradientChecker;
import org.convlab.nn.Init;
import org.convlab.nn.Parameter;
import org.convlab.nn.loss.MeanSquaredError;
import org.convlab.nn.loss.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TapeTest {
    private static final double TOLERANCE = 1e-6;

    private static INDArray random(long seed, long... shape) {
        return Init.uniform(seed, DataType.DOUBLE, -1, 1, shape);
    }

    private static void assertAllBelow(Map<String, Double> errors) {
        assertFalse(errors.isEmpty());
        errors.forEach((name, e) -> assertTrue(e < TOLERANCE, name + " relative error " + e + " in " + errors));
    }

    private static List<Parameter> parametersOf(org.convlab.nn.Layer... layers) {
        List<Parameter> ps = new ArrayList<>();
        for (org.convlab.nn.Layer l : layers) {
            ps.addAll(l.parameters());
        }
        return ps;
    }

    @Test
    void residualGraphGradientsMatchFiniteDifferences() {
        // y = f(g(f0(x)) + x): f0 mixes channels, g = tanh, f scales elementwise.
        MatMul f0 = new MatMul(1, 3, 3);
        Tanh g = new Tanh();
        Scale f = new Scale(2, 2, 3);
        Map<String, Double> errors = TapeGradientCheck.relativeErrors(List.of(random(3, 2, 3)), parametersOf(f0, f),
                (tape, in) -> {
                    Variable x = in.get(0);
                    return tape.apply(f, tape.add(tape.apply(g, tape.apply(f0, x)), x));
                });
        assertAllBelow(errors);
        assertEquals(3, errors.size());
        assertEquals(0, f0.pending() + g.pending() + f.pending());
    }

    @Test
    void sharedWeightsAppliedInSequenceGetTheSummedGradient() {
        MatMul w = new MatMul(4, 3, 3);
        Tanh t = new Tanh();
        assertAllBelow(TapeGradientCheck.relativeErrors(List.of(random(5, 2, 3)), parametersOf(w),
                (tape, in) -> tape.apply(t, tape.apply(w, tape.apply(t, tape.apply(w, in.get(0)))))));
        assertEquals(0, w.pending() + t.pending());
    }

    @Test
    void sharedWeightsAppliedToTwoBranchesGetTheSummedGradient() {
        MatMul w = new MatMul(6, 3, 2);
        Scale s = new Scale(7, 2, 2);
        assertAllBelow(TapeGradientCheck.relativeErrors(List.of(random(8, 2, 3), random(9, 2, 3)), parametersOf(w, s),
                (tape, in) -> tape.multiply(tape.apply(s, tape.apply(w, in.get(0))), tape.apply(w, in.get(1)))));
        assertEquals(0, w.pending() + s.pending());
    }

    @Test
    void anUnusedLayerOutputStillKeepsTheLayersForwardAndBackwardPaired() {
        // The second application's output never reaches the result; its backward must still pop its context,
        // or the first application's backward would read the wrong input.
        MatMul w = new MatMul(10, 3, 3);
        assertAllBelow(TapeGradientCheck.relativeErrors(List.of(random(11, 2, 3), random(12, 2, 3)), parametersOf(w),
                (tape, in) -> {
                    Variable used = tape.apply(w, in.get(0));
                    tape.apply(w, in.get(1));
                    return used;
                }));
        assertEquals(0, w.pending());
    }

    @Test
    void splitAndConcatGraphGradientsMatchFiniteDifferences() {
        Scale s = new Scale(13, 2, 1, 3, 2);
        Tanh t = new Tanh();
        Scale s2 = new Scale(14, 2, 6, 3, 2);
        assertAllBelow(TapeGradientCheck.relativeErrors(List.of(random(15, 2, 6, 3, 2)), parametersOf(s, s2),
                (tape, in) -> {
                    List<Variable> parts = tape.split(in.get(0), 2, 1, 3);
                    Variable mixed = tape.concat(tape.apply(t, parts.get(2)), tape.apply(s, parts.get(1)), parts.get(0));
                    return tape.multiply(tape.apply(s2, mixed), in.get(0));
                }));
    }

    @Test
    void concatThenSplitGivesBackThePartsAndPassesGradientsThrough() {
        INDArray a = random(16, 2, 2, 3);
        INDArray b = random(17, 2, 3, 3);
        Tape tape = new Tape();
        Variable va = tape.input(a);
        Variable vb = tape.input(b);
        Variable joined = tape.concat(va, vb);
        assertArrayEquals(new long[] {2, 5, 3}, joined.shape());
        List<Variable> parts = tape.split(joined, 2, 3);
        assertArrayEquals(a.data().asDouble(), parts.get(0).value().dup().data().asDouble(), 0);
        assertArrayEquals(b.data().asDouble(), parts.get(1).value().dup().data().asDouble(), 0);

        INDArray seed = random(18, 2, 3, 3);
        tape.backward(parts.get(1), seed);
        assertArrayEquals(seed.data().asDouble(), vb.grad().dup().data().asDouble(), 0);
        assertArrayEquals(new double[12], va.grad().dup().data().asDouble(), 0);
    }

    @Test
    void aVariableUsedTwiceReceivesTheSumOfItsGradients() {
        // y = x * x + x, so dy/dx = 2x + 1 exactly.
        INDArray x = Nd4j.createFromArray(new double[][] {{1.5, -2.0, 0.25}});
        Tape tape = new Tape();
        Variable vx = tape.input(x);
        Variable y = tape.add(tape.multiply(vx, vx), vx);
        tape.backward(y, Nd4j.onesLike(x));
        assertArrayEquals(new double[] {4.0, -3.0, 1.5}, vx.grad().toDoubleVector(), 0);
    }

    @Test
    void parameterGradientsAccumulateAcrossBackwardPasses() {
        Scale s = new Scale(19, 1, 2);
        INDArray x = Nd4j.createFromArray(new double[][] {{2.0, -3.0}});
        for (int pass = 0; pass < 2; pass++) {
            Tape tape = new Tape();
            tape.backward(tape.apply(s, tape.input(x)), Nd4j.onesLike(x));
        }
        assertArrayEquals(new double[] {4.0, -6.0}, s.parameters().get(0).grad().toDoubleVector(), 0);
    }

    @Test
    void backwardWithALossSeedsTheLossGradient() {
        MatMul w = new MatMul(20, 3, 4);
        INDArray x = random(21, 2, 3);
        int[] labels = {3, 1};
        INDArray labelArray = Nd4j.createFromArray(labels);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Tape tape = new Tape();
        Variable vx = tape.input(x);
        double value = tape.backward(tape.apply(w, vx), loss, labelArray);
        assertEquals(loss.value(x.mmul(w.parameters().get(0).value()), labels), value, 1e-12);
        INDArray numeric = GradientChecker.numericGradient(() -> {
            INDArray out = x.mmul(w.parameters().get(0).value());
            return loss.value(out, labels);
        }, x, 1e-6);
        assertTrue(GradientChecker.relativeError(vx.grad(), numeric) < TOLERANCE);
        assertEquals(0, w.pending());
    }

    @Test
    void shapeMismatchesAreClearErrors() {
        Tape tape = new Tape();
        Variable a = tape.input(random(22, 2, 3));
        Variable b = tape.input(random(23, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tape.add(a, b));
        assertTrue(e.getMessage().contains("Tape.add") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[3]") && e.getMessage().contains("no broadcasting"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tape.multiply(a, tape.input(random(24, 3, 2))));
        assertTrue(e.getMessage().contains("Tape.multiply") && e.getMessage().contains("[3, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> tape.multiply(a, tape.input(random(24, 2, 3).castTo(DataType.FLOAT))));
        assertTrue(e.getMessage().contains("FLOAT"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tape.concat(a, tape.input(random(25, 3, 3))));
        assertTrue(e.getMessage().contains("Tape.concat") && e.getMessage().contains("part 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tape.split(a, 1, 1));
        assertTrue(e.getMessage().contains("Tape.split") && e.getMessage().contains("sum 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tape.split(b, 1, 2));
        assertTrue(e.getMessage().contains("rank >= 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tape.backward(a, Nd4j.zeros(DataType.DOUBLE, 3, 2)));
        assertTrue(e.getMessage().contains("seed") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void variablesFromAnotherTapeAndReuseAfterBackwardAreRejected() {
        Tape first = new Tape();
        Variable foreign = first.input(random(26, 1, 2));
        Tape second = new Tape();
        Variable own = second.input(random(27, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> second.add(own, foreign));
        second.backward(own, new MeanSquaredError().gradient(own.value(), Nd4j.zerosLike(own.value())));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> second.add(own, own));
        assertTrue(e.getMessage().contains("new Tape"), e.getMessage());
    }

    @Test
    void aLayerReturningAWronglyShapedGradientIsNamed() {
        org.convlab.nn.Layer broken = new Tanh() {
            @Override
            public INDArray backward(INDArray g) {
                super.backward(g);
                return g.reshape(g.length());
            }

            @Override
            public String name() {
                return "Broken";
            }
        };
        Tape tape = new Tape();
        Variable y = tape.apply(broken, tape.input(random(28, 2, 2)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tape.backward(y, Nd4j.onesLike(y.value())));
        assertTrue(e.getMessage().contains("Broken.backward") && e.getMessage().contains("[4]"), e.getMessage());
    }
}
