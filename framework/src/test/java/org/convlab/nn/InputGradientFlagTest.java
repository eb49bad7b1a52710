package org.convlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.layers.Tanh;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The input-gradient flag: skipped work for a data input, and the same parameter gradients either way. */
class InputGradientFlagTest {

    private static INDArray uniform(long seed, long... shape) {
        return Init.uniform(seed, DataType.DOUBLE, -1, 1, shape);
    }

    private static Linear linear(int in, int out, long seed) {
        return Linear.builder(in, out).dataType(DataType.DOUBLE).seed(seed).build();
    }

    /** Parameter gradients after one forward/backward of a fresh model. */
    private static List<double[]> gradients(Sequential net, INDArray x, INDArray g) {
        net.forward(x);
        net.backward(g);
        return net.parameters().stream().map(p -> p.grad().dup().data().asDouble()).toList();
    }

    @Test
    void sequentialReturnsNoInputGradientByDefaultAndTheSameParameterGradients() {
        Supplier<Sequential> model = () -> new Sequential(linear(6, 5, 1), new ReLU(), linear(5, 3, 2));
        INDArray x = uniform(3, 4, 6);
        INDArray g = uniform(4, 4, 3);
        Sequential skipping = model.get();
        assertFalse(skipping.inputGradientNeeded());
        skipping.forward(x);
        assertNull(skipping.backward(g), "the input is data: no input gradient by default");

        Sequential asking = model.get();
        asking.setInputGradientNeeded(true);
        asking.forward(x);
        INDArray dx = asking.backward(g);
        assertNotNull(dx);
        // dx = ((g W2) * relu'(h)) W1, computed here from the definition.
        Linear first = (Linear) asking.layers().get(0);
        Linear second = (Linear) asking.layers().get(2);
        INDArray h = x.mmul(first.weight().value().transpose()).addRowVector(first.bias().value());
        INDArray expected = g.mmul(second.weight().value()).mul(h.gt(0).castTo(DataType.DOUBLE))
                .mmul(first.weight().value());
        assertTrue(expected.sub(dx).amaxNumber().doubleValue() < 1e-12);

        List<double[]> a = gradients(model.get(), x, g);
        Sequential on = model.get();
        on.setInputGradientNeeded(true);
        List<double[]> b = gradients(on, x, g);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(b.get(i), a.get(i), 0.0, "parameter " + i + " must not depend on the flag");
        }
    }

    @Test
    void linearToldFalseSkipsTheInputGradientButNotItsOwn() {
        Linear fc = linear(4, 3, 5);
        fc.setInputGradientNeeded(false);
        INDArray x = uniform(6, 2, 4);
        INDArray g = uniform(7, 2, 3);
        fc.forward(x);
        assertNull(fc.backward(g));
        assertTrue(g.transpose().mmul(x).sub(fc.weight().grad()).amaxNumber().doubleValue() < 1e-12);
        fc.setInputGradientNeeded(true);
        fc.forward(x);
        assertNotNull(fc.backward(g));
    }

    @Test
    void aSequentialNestedAfterAnotherLayerPassesItsInputGradientOn() {
        Sequential inner = new Sequential(linear(5, 4, 8), new Tanh());
        Sequential outer = new Sequential(linear(6, 5, 9), inner, linear(4, 2, 10));
        outer.setInputGradientNeeded(true);
        assertTrue(inner.inputGradientNeeded(), "a nested model after a layer must hand back its input gradient");
        GradientChecker.Result r = GradientChecker.check(outer, uniform(11, 3, 6));
        assertTrue(r.passed(1e-6), r.toString());
    }

    @Test
    void aFirstLayerUsedAgainLaterKeepsItsInputGradient() {
        Linear shared = linear(3, 3, 12);
        Sequential net = new Sequential(shared, new Tanh(), shared);
        net.forward(uniform(13, 2, 3));
        // backward runs the second use first; it needs the shared layer's input gradient
        assertNull(net.backward(uniform(14, 2, 3)));
        GradientChecker.Result r = GradientChecker.check(net, uniform(15, 2, 3));
        assertTrue(r.passed(1e-6), r.toString());
    }

    @Test
    void gradientCheckerAsksForTheInputGradient() {
        Sequential net = new Sequential(new MaxPool2d(2), new Flatten(), linear(8, 3, 16));
        GradientChecker.Result r = GradientChecker.check(net, uniform(17, 2, 2, 4, 4));
        assertTrue(r.passed(1e-6), r.toString());
        assertTrue(net.inputGradientNeeded());
    }
}
