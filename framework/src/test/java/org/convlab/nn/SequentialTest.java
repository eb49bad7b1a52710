package org.convlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.convlab.nn.layers.BatchNorm1d;
import org.convlab.nn.layers.BatchNorm2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.layers.Tanh;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class SequentialTest {

    private static INDArray uniform(long seed, long... shape) {
        return Init.uniform(seed, DataType.DOUBLE, -1, 1, shape);
    }

    private static Linear linear(int in, int out, long seed) {
        return Linear.builder(in, out).dataType(DataType.DOUBLE).seed(seed).build();
    }

    @Test
    void sharedLinearGetsTheSummedGradient() {
        Linear shared = linear(3, 3, 1);
        Sequential net = new Sequential(shared, new Tanh(), shared);
        assertEquals(2, net.parameters().size(), "a shared layer's parameters are listed once");
        // The finite differences perturb the one shared weight, so they see both uses at once.
        GradientChecker.Result r = GradientChecker.check(net, uniform(2, 4, 3));
        assertTrue(r.passed(1e-6), r.toString());
    }

    @Test
    void sharedGradientIsTheSumOfBothUses() {
        Linear shared = linear(2, 2, 3);
        Sequential net = new Sequential(shared, shared);
        INDArray x = uniform(4, 3, 2);
        INDArray g = uniform(5, 3, 2);
        net.forward(x);
        net.backward(g);
        // y = (x W^T + b) W^T + b: dW = g^T h + (g W)^T x with h = x W^T + b, db = sum(g) + sum(g W).
        INDArray w = shared.weight().value();
        INDArray h = x.mmul(w.transpose()).addRowVector(shared.bias().value());
        INDArray expectedW = g.transpose().mmul(h).add(g.mmul(w).transpose().mmul(x));
        INDArray expectedB = g.sum(0).add(g.mmul(w).sum(0));
        assertTrue(expectedW.sub(shared.weight().grad()).amaxNumber().doubleValue() < 1e-12);
        assertTrue(expectedB.sub(shared.bias().grad()).amaxNumber().doubleValue() < 1e-12);
    }

    @Test
    void wholeStackGradientsMatchFiniteDifferences() {
        Sequential net = new Sequential(new BatchNorm2d(2, DataType.DOUBLE), new MaxPool2d(2), new Flatten(),
                linear(8, 3, 6), new ReLU(), linear(3, 2, 7));
        GradientChecker.Result r = GradientChecker.check(net, uniform(8, 3, 2, 4, 4));
        assertTrue(r.passed(1e-6), r.toString());
    }

    @Test
    void parametersInLayerOrder() {
        Linear a = linear(4, 3, 1);
        Linear b = linear(3, 2, 2);
        Sequential net = new Sequential(a).add(new ReLU()).add(b);
        assertEquals(List.of(a.weight(), a.bias(), b.weight(), b.bias()), net.parameters());
    }

    @Test
    void shapesChainAndCostsSum() {
        Sequential net = new Sequential(new MaxPool2d(2), new Flatten(), new Linear(12, 5), new ReLU(), new Linear(5, 2));
        assertArrayEquals(new long[] {7, 2}, net.outputShape(7, 3, 4, 4));
        assertEquals(7L * 12 * 5 + 7L * 5 * 2, net.multiplications(7, 3, 4, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.outputShape(7, 3, 6, 6));
        assertTrue(e.getMessage().startsWith("Linear"), e.getMessage());
    }

    @Test
    void buffersArePrefixedWithTheLayerIndexAndLive() {
        BatchNorm1d bn = new BatchNorm1d(3);
        Sequential inner = new Sequential(new ReLU(), bn);
        Sequential net = new Sequential(new Linear(2, 3), inner);
        assertEquals(List.of("1.1.running_mean", "1.1.running_var"), List.copyOf(net.buffers().keySet()));
        assertSame(bn.buffers().get("running_var"), net.buffers().get("1.1.running_var"));
    }

    @Test
    void setTrainingReachesNestedLayers() {
        BatchNorm1d bn = new BatchNorm1d(3);
        Sequential net = new Sequential(new Sequential(bn));
        net.setTraining(false);
        assertFalse(bn.isTraining());
        net.setTraining(true);
        assertTrue(bn.isTraining());
    }
}
