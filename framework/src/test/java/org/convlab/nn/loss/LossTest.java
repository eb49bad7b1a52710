package org.convlab.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convlab.nn.GradientChecker;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LossTest {

    private static INDArray matrix(double[][] rows) {
        return Nd4j.create(rows);
    }

    @Test
    void meanSquaredErrorIsTheMeanOfSquaredDifferences() {
        INDArray p = matrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
        INDArray t = matrix(new double[][] {{0, 2, 5}, {4, 8, 6}});
        Loss.Result r = new MeanSquaredError().compute(p, t);
        assertEquals((1 + 0 + 4 + 0 + 9 + 0) / 6.0, r.value(), 1e-12);
        assertArrayEquals(new double[] {2 / 6.0, 0, -4 / 6.0, 0, -6 / 6.0, 0},
                r.gradient().reshape(6).toDoubleVector(), 1e-12);
        assertArrayEquals(new long[] {2, 3}, r.gradient().shape());
    }

    @Test
    void meanSquaredErrorGradientMatchesFiniteDifferences() {
        INDArray p = Nd4j.rand(DataType.DOUBLE, 3, 4);
        INDArray t = Nd4j.rand(DataType.DOUBLE, 3, 4);
        Loss loss = new MeanSquaredError();
        INDArray numeric = GradientChecker.numericGradient(() -> loss.value(p, t), p, 1e-6);
        assertTrue(GradientChecker.relativeError(loss.gradient(p, t), numeric) < 1e-8);
    }

    @Test
    void softmaxCrossEntropyMatchesTheTextbookFormula() {
        double[][] z = {{1.0, 2.0, 0.5}, {-1.0, 0.0, 3.0}};
        int[] y = {1, 0};
        double expected = 0;
        double[][] expectedGrad = new double[2][3];
        for (int i = 0; i < 2; i++) {
            double sum = Math.exp(z[i][0]) + Math.exp(z[i][1]) + Math.exp(z[i][2]);
            expected += -Math.log(Math.exp(z[i][y[i]]) / sum) / 2;
            for (int j = 0; j < 3; j++) {
                expectedGrad[i][j] = (Math.exp(z[i][j]) / sum - (j == y[i] ? 1 : 0)) / 2;
            }
        }
        Loss.Result r = new SoftmaxCrossEntropy().compute(matrix(z), y);
        assertEquals(expected, r.value(), 1e-12);
        assertArrayEquals(expectedGrad[0], r.gradient().getRow(0).toDoubleVector(), 1e-12);
        assertArrayEquals(expectedGrad[1], r.gradient().getRow(1).toDoubleVector(), 1e-12);
    }

    @Test
    void softmaxCrossEntropyAcceptsLabelsOfAnyNumericType() {
        INDArray z = Nd4j.rand(DataType.DOUBLE, 4, 5);
        int[] y = {4, 0, 2, 2};
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        double expected = loss.value(z, y);
        for (DataType type : new DataType[] {DataType.INT32, DataType.INT64, DataType.FLOAT, DataType.DOUBLE}) {
            INDArray labels = Nd4j.createFromArray(y).castTo(type);
            assertEquals(expected, loss.value(z, labels), 0, type.toString());
        }
    }

    @Test
    void softmaxCrossEntropyIsStableForHugeLogits() {
        // Shifting every logit of a row by a constant leaves softmax unchanged; naive exp would overflow.
        INDArray small = matrix(new double[][] {{0.0, 1.0, -2.0}});
        INDArray huge = small.add(1000.0);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Loss.Result a = loss.compute(small, new int[] {2});
        Loss.Result b = loss.compute(huge, new int[] {2});
        assertTrue(Double.isFinite(b.value()));
        assertEquals(a.value(), b.value(), 1e-9);
        assertArrayEquals(a.gradient().toDoubleVector(), b.gradient().toDoubleVector(), 1e-12);
    }

    @Test
    void softmaxCrossEntropyGradientMatchesFiniteDifferences() {
        INDArray z = Nd4j.rand(DataType.DOUBLE, 3, 4).muli(4);
        int[] y = {3, 1, 0};
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        INDArray numeric = GradientChecker.numericGradient(() -> loss.value(z, y), z, 1e-6);
        assertTrue(GradientChecker.relativeError(loss.gradient(z, y), numeric) < 1e-8);
    }

    @Test
    void softmaxCrossEntropyKeepsTheLogitsDataType() {
        INDArray z = Nd4j.rand(DataType.FLOAT, 2, 3);
        assertEquals(DataType.FLOAT, new SoftmaxCrossEntropy().gradient(z, new int[] {0, 1}).dataType());
    }

    @Test
    void softmaxCrossEntropyRejectsBadLabelsByName() {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        INDArray z = Nd4j.rand(DataType.DOUBLE, 2, 3);
        IllegalArgumentException outOfRange = assertThrows(IllegalArgumentException.class,
                () -> loss.value(z, new int[] {0, 3}));
        assertTrue(outOfRange.getMessage().contains("SoftmaxCrossEntropy"), outOfRange.getMessage());
        assertTrue(outOfRange.getMessage().contains("[0, 3)") && outOfRange.getMessage().contains("got 3"),
                outOfRange.getMessage());
        assertThrows(IllegalArgumentException.class, () -> loss.value(z, new int[] {-1, 0}));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> loss.value(z, Nd4j.createFromArray(0, 1, 2)));
        assertTrue(count.getMessage().contains("[2]") && count.getMessage().contains("[3]"), count.getMessage());
        IllegalArgumentException fractional = assertThrows(IllegalArgumentException.class,
                () -> loss.value(z, Nd4j.createFromArray(0.0, 1.5)));
        assertTrue(fractional.getMessage().contains("1.5"), fractional.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> loss.value(Nd4j.rand(DataType.DOUBLE, 6), new int[] {0}));
        assertTrue(rank.getMessage().contains("[N, K]") && rank.getMessage().contains("[6]"), rank.getMessage());
    }

    @Test
    void binaryCrossEntropyMatchesTheNaiveFormulaForModerateLogits() {
        double[] x = {-2.0, -0.3, 0.0, 0.7, 3.0, 1.0};
        double[] y = {0.0, 1.0, 0.5, 1.0, 0.0, 0.2};
        double expected = 0;
        double[] expectedGrad = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 1 / (1 + Math.exp(-x[i]));
            expected += -(y[i] * Math.log(s) + (1 - y[i]) * Math.log(1 - s)) / x.length;
            expectedGrad[i] = (s - y[i]) / x.length;
        }
        INDArray logits = Nd4j.create(x, new long[] {2, 3}, 'c');
        INDArray target = Nd4j.create(y, new long[] {2, 3}, 'c');
        Loss.Result r = new BinaryCrossEntropyWithLogits().compute(logits, target);
        assertEquals(expected, r.value(), 1e-12);
        assertArrayEquals(expectedGrad, r.gradient().reshape(6).toDoubleVector(), 1e-12);
    }

    @Test
    void binaryCrossEntropyIsFiniteForExtremeLogits() {
        INDArray x = Nd4j.createFromArray(-800.0, 800.0, 800.0);
        INDArray y = Nd4j.createFromArray(1.0, 0.0, 1.0);
        Loss.Result r = new BinaryCrossEntropyWithLogits().compute(x, y);
        // Wrong-sign logits cost |x| each; the confident right one costs ~0.
        assertEquals((800.0 + 800.0 + 0.0) / 3, r.value(), 1e-9);
        assertArrayEquals(new double[] {-1 / 3.0, 1 / 3.0, 0}, r.gradient().toDoubleVector(), 1e-12);
    }

    @Test
    void lossesRejectMismatchedTargetsByName() {
        INDArray p = Nd4j.rand(DataType.DOUBLE, 2, 3);
        for (Loss loss : new Loss[] {new MeanSquaredError(), new BinaryCrossEntropyWithLogits()}) {
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> loss.value(p, Nd4j.rand(DataType.DOUBLE, 3, 2)));
            assertTrue(shape.getMessage().startsWith(loss.name()), shape.getMessage());
            assertTrue(shape.getMessage().contains("[2, 3]") && shape.getMessage().contains("[3, 2]"),
                    shape.getMessage());
            IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                    () -> loss.value(p, Nd4j.rand(DataType.FLOAT, 2, 3)));
            assertTrue(type.getMessage().contains("FLOAT"), type.getMessage());
        }
    }

    @Test
    void lossesReadViewsCorrectly() {
        INDArray big = Nd4j.rand(DataType.DOUBLE, 4, 6);
        INDArray view = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 5));
        INDArray copy = view.dup('c');
        INDArray target = Nd4j.rand(DataType.DOUBLE, 2, 3);
        BinaryCrossEntropyWithLogits loss = new BinaryCrossEntropyWithLogits();
        assertEquals(loss.value(copy, target), loss.value(view, target), 0);
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        assertEquals(ce.value(copy, new int[] {1, 2}), ce.value(view, new int[] {1, 2}), 0);
    }
}
