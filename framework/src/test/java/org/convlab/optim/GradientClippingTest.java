package org.convlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.convlab.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class GradientClippingTest {

    private static List<Parameter> withGradients(double[] first, double[] second) {
        Parameter a = new Parameter("a", Nd4j.zeros(first.length).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE));
        Parameter b = new Parameter("b", Nd4j.zeros(second.length).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE));
        a.grad().assign(Nd4j.createFromArray(first));
        b.grad().assign(Nd4j.createFromArray(second));
        return List.of(a, b);
    }

    @Test
    void largeGradientsAreScaledToTheMaxNormKeepingDirection() {
        // Global norm sqrt(3^2 + 4^2 + 12^2) = 13.
        List<Parameter> ps = withGradients(new double[] {3, 4}, new double[] {12});
        double norm = GradientClipping.clipByGlobalNorm(ps, 6.5);
        assertEquals(13.0, norm, 1e-12);
        double scale = 6.5 / (13.0 + 1e-6);
        assertArrayEquals(new double[] {3 * scale, 4 * scale}, ps.get(0).grad().toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {12 * scale}, ps.get(1).grad().toDoubleVector(), 1e-12);
        double after = Math.hypot(ps.get(0).grad().norm2Number().doubleValue(), ps.get(1).grad().getDouble(0));
        assertEquals(6.5, after, 1e-6);
    }

    @Test
    void smallGradientsAreLeftAlone() {
        List<Parameter> ps = withGradients(new double[] {0.3, -0.4}, new double[] {1.2});
        double norm = GradientClipping.clipByGlobalNorm(ps, 10);
        assertEquals(1.3, norm, 1e-12);
        assertArrayEquals(new double[] {0.3, -0.4}, ps.get(0).grad().toDoubleVector(), 0);
        assertArrayEquals(new double[] {1.2}, ps.get(1).grad().toDoubleVector(), 0);
    }

    @Test
    void nonFiniteNormLeavesGradientsForTheOptimizerToReport() {
        List<Parameter> ps = withGradients(new double[] {Double.NaN, 1}, new double[] {2});
        double norm = GradientClipping.clipByGlobalNorm(ps, 1);
        assertEquals(Double.NaN, norm);
        assertArrayEquals(new double[] {2}, ps.get(1).grad().toDoubleVector(), 0);
    }
}
