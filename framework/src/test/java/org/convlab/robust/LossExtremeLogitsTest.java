package org.convlab.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convlab.nn.loss.BinaryCrossEntropyWithLogits;
import org.convlab.nn.loss.Loss;
import org.convlab.nn.loss.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The losses at logits of +-1e4, where a naive exp overflows (exp(1e4) is infinite even in double):
 * the value is finite and equals the hand-derived one, and the gradient matches central finite
 * differences in DOUBLE.
 */
class LossExtremeLogitsTest {
    private static final double[][] LOGITS = {{1e4, -1e4, 0}, {-1e4, 1e4, 1e4 - 1}, {1e4, 1e4, 1e4}};
    private static final int[] LABELS = {1, 2, 0};

    @Test
    void softmaxCrossEntropyIsFiniteAndExactAtPlusMinus1e4() {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        INDArray z = Nd4j.createFromArray(LOGITS);
        // Row 0: logsumexp = 1e4 (the others vanish), minus z[1] = -1e4: 2e4.
        // Row 1: logsumexp = 1e4 + log(1 + e^-1); minus z[2] = 1e4 - 1: 1 + log(1 + e^-1).
        // Row 2: three equal logits: log 3.
        double expected = (2e4 + 1 + Math.log1p(Math.exp(-1)) + Math.log(3)) / 3;
        double value = loss.compute(z, LABELS).value();
        assertEquals(expected, value, 1e-12 * expected);
        assertFiniteGradientMatchingFiniteDifferences(loss, z, Nd4j.createFromArray(LABELS).castTo(DataType.DOUBLE));
        // In FLOAT too: finite value and gradient.
        Loss.Result f = loss.compute(z.castTo(DataType.FLOAT), LABELS);
        assertTrue(Double.isFinite(f.value()) && allFinite(f.gradient()), "FLOAT: " + f.value() + " " + f.gradient());
    }

    @Test
    void binaryCrossEntropyWithLogitsIsFiniteAndExactAtPlusMinus1e4() {
        BinaryCrossEntropyWithLogits loss = new BinaryCrossEntropyWithLogits();
        INDArray x = Nd4j.createFromArray(new double[][] {{1e4, -1e4}, {1e4, -1e4}, {1e4, 0}});
        INDArray y = Nd4j.createFromArray(new double[][] {{0, 1}, {1, 0}, {0.3, 0.5}});
        // Per element max(x,0) - x y + log(1 + e^-|x|): 1e4, 1e4, 0, 0, 7e3, log 2.
        double expected = (1e4 + 1e4 + 0 + 0 + 7e3 + Math.log(2)) / 6;
        assertEquals(expected, loss.compute(x, y).value(), 1e-12 * expected);
        assertFiniteGradientMatchingFiniteDifferences(loss, x, y);
        Loss.Result f = loss.compute(x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT));
        assertTrue(Double.isFinite(f.value()) && allFinite(f.gradient()), "FLOAT: " + f.value() + " " + f.gradient());
    }

    private static boolean allFinite(INDArray a) {
        return java.util.Arrays.stream(a.dup('c').data().asDouble()).allMatch(Double::isFinite);
    }

    /**
     * Central differences with h = 1e-3: the loss is piecewise smooth there with curvature at most 1/4
     * per logit, so the truncation error is below h^2 = 1e-6; the rounding error of a loss near 1e4
     * is about 1e4 x 1e-16 / h = 1e-9.
     */
    private static void assertFiniteGradientMatchingFiniteDifferences(Loss loss, INDArray x, INDArray target) {
        INDArray grad = loss.compute(x, target).gradient();
        double h = 1e-3;
        for (int i = 0; i < x.length(); i++) {
            INDArray plus = x.dup();
            INDArray minus = x.dup();
            plus.data().put(i, x.data().getDouble(i) + h);
            minus.data().put(i, x.data().getDouble(i) - h);
            double numeric = (loss.compute(plus, target).value() - loss.compute(minus, target).value()) / (2 * h);
            double analytic = grad.data().getDouble(i);
            assertTrue(Double.isFinite(analytic), "gradient " + i + " is " + analytic);
            assertEquals(numeric, analytic, 1e-6, "d loss / d x[" + i + "] at " + x.data().getDouble(i));
        }
    }
}
