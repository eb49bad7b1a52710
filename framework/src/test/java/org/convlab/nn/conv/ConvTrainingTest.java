package org.convlab.nn.conv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.convlab.nn.Init;
import org.convlab.nn.Sequential;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.GlobalAvgPool;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.loss.Loss;
import org.convlab.nn.loss.MeanSquaredError;
import org.convlab.nn.loss.SoftmaxCrossEntropy;
import org.convlab.optim.Adam;
import org.convlab.optim.Optimizer;
import org.convlab.optim.schedule.CosineAnnealing;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** End-to-end: the hand-written backward passes train real models. */
class ConvTrainingTest {

    @Test
    void twoStackedConv2dLayersLearnAFixedRandomTargetConvolutionMap() {
        Sequential teacher = new Sequential(Conv2d.builder(2, 3, 3).padding(1).seed(100).build(),
                Conv2d.builder(3, 2, 3).padding(1).seed(101).build());
        // A wider hidden layer than the teacher's: it can still represent the target exactly, and
        // the over-parameterised factorisation avoids the slow saddle of the exact-width one.
        Sequential student = new Sequential(Conv2d.builder(2, 8, 3).padding(1).seed(1).build(),
                Conv2d.builder(8, 2, 3).padding(1).seed(2).build());
        Optimizer adam = Adam.builder(student.parameters()).learningRate(0.02).build();
        CosineAnnealing schedule = new CosineAnnealing(400, 0);
        Loss mse = new MeanSquaredError();
        double loss = Double.NaN;
        for (int step = 0; step < 400; step++) {
            schedule.apply(adam, 0.02, step);
            INDArray x = Init.uniform(1000 + step, DataType.FLOAT, -1, 1, 8, 2, 10, 10);
            INDArray target = teacher.forward(x);
            teacher.backward(target.ulike());
            INDArray y = student.forward(x);
            Loss.Result r = mse.compute(y, target);
            loss = r.value();
            adam.zeroGrad();
            student.backward(r.gradient());
            adam.step();
        }
        double finalLoss = loss;
        assertTrue(finalLoss < 1e-4, () -> "MSE after 400 Adam steps: " + finalLoss);
    }

    @Test
    void aSmallCnnSeparatesTwoSyntheticImageClasses() {
        int n = 256;
        INDArray[] data = bars(n, 7);
        Sequential cnn = new Sequential(Conv2d.builder(1, 8, 3).padding(1).seed(3).build(), new ReLU(),
                new MaxPool2d(2), Conv2d.builder(8, 8, 3).padding(1).seed(4).build(), new ReLU(),
                new GlobalAvgPool(), new Flatten(), Linear.builder(8, 2).seed(5).build());
        Optimizer adam = Adam.builder(cnn.parameters()).learningRate(0.01).build();
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        for (int epoch = 0; epoch < 15; epoch++) {
            for (int b = 0; b < n; b += 32) {
                INDArray x = data[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(b, b + 32));
                INDArray labels = data[1].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(b, b + 32));
                Loss.Result r = ce.compute(cnn.forward(x), labels);
                adam.zeroGrad();
                cnn.backward(r.gradient());
                adam.step();
            }
        }
        INDArray[] test = bars(200, 8);
        cnn.setTraining(false);
        INDArray predicted = cnn.forward(test[0]).argMax(1);
        double accuracy = predicted.castTo(DataType.DOUBLE).eq(test[1].castTo(DataType.DOUBLE))
                .castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertTrue(accuracy > 0.95, () -> "held-out accuracy " + accuracy);
    }

    /** Noisy 12x12 images of a vertical (class 0) or horizontal (class 1) bar at a random place. */
    private static INDArray[] bars(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * 144];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int label = rng.nextInt(2);
            int pos = 2 + rng.nextInt(8);
            y[i] = label;
            for (int r = 0; r < 12; r++) {
                for (int c = 0; c < 12; c++) {
                    boolean on = label == 0 ? c == pos : r == pos;
                    x[i * 144 + r * 12 + c] = (on ? 1f : 0f) + 0.3f * (float) (rng.nextDouble() - 0.5);
                }
            }
        }
        return new INDArray[] {Nd4j.create(x, new long[] {n, 1, 12, 12}, 'c'), Nd4j.create(y, new long[] {n}, 'c')};
    }
}
