package org.convlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.convlab.io.ModelConfig;
import org.convlab.nn.Parameter;
import org.convlab.nn.Sequential;
import org.convlab.nn.layers.BatchNorm;
import org.convlab.nn.loss.Loss;
import org.convlab.nn.loss.MeanSquaredError;
import org.convlab.nn.loss.SoftmaxCrossEntropy;
import org.convlab.optim.SGD;
import org.convlab.optim.schedule.StepDecay;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainerTest {
    private static final String SMALL_CNN = "{\"layers\":["
            + "{\"type\":\"Conv2d\",\"in\":1,\"out\":4,\"kernel\":[3],\"padding\":[1]},{\"type\":\"ReLU\"},"
            + "{\"type\":\"MaxPool2d\",\"kernel\":[2]},{\"type\":\"Flatten\"},{\"type\":\"Linear\",\"in\":64,\"out\":2}],"
            + "\"seed\":3}";

    private static Trainer cnnTrainer(Sequential model, double lr, Callback... callbacks) {
        SGD sgd = SGD.builder(model.parameters(), lr).momentum(0.9).build();
        return Trainer.builder(model, new SoftmaxCrossEntropy(), sgd).metrics(new Accuracy()).seed(11)
                .callbacks(callbacks).build();
    }

    static double[] flatParameters(Sequential model) {
        List<Double> all = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            for (double v : p.value().castTo(DataType.DOUBLE).data().asDouble()) {
                all.add(v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void aSmallCnnLearnsVerticalVersusHorizontalBars() {
        BarImages train = new BarImages(400, 8, 20, 1, 0.3);
        BatchSource validation = new BarImages(200, 8, 50, 2, 0.3).unshuffled();
        Sequential model = ModelConfig.fromJson(SMALL_CNN).build();
        Trainer trainer = cnnTrainer(model, 0.05);
        double before = trainer.evaluate(validation).metrics().get("accuracy");
        History h = trainer.fit(train, validation, 5);
        double after = h.epochs().get(4).validationMetrics().get("accuracy");
        assertTrue(after > 0.95, "validation accuracy " + after + " (before training " + before + ")");
        assertEquals(5, h.epochs().size());
        assertEquals(5 * train.batchesPerEpoch(), h.stepLosses().size());
        assertEquals(after, trainer.evaluate(validation).metrics().get("accuracy"), 0);
    }

    @Test
    void theSameSeedGivesTheSameHistoryBitForBit() {
        BarImages train = new BarImages(120, 8, 20, 1, 0.5);
        BatchSource validation = new BarImages(40, 8, 20, 2, 0.5).unshuffled();
        Sequential a = ModelConfig.fromJson(SMALL_CNN).build();
        Sequential b = ModelConfig.fromJson(SMALL_CNN).build();
        History ha = cnnTrainer(a, 0.05).fit(train, validation, 2);
        History hb = cnnTrainer(b, 0.05).fit(train, validation, 2);
        assertArrayEquals(ha.stepLossArray(), hb.stepLossArray(), 0);
        assertArrayEquals(ha.series("val_loss"), hb.series("val_loss"), 0);
        assertArrayEquals(flatParameters(a), flatParameters(b), 0);
        assertEquals(ha, hb);
    }

    /** Features x ~ N(0, 1) of [n, 4], targets the sum of the features: a regression for MSE. */
    private static BatchSource regression(int n) {
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = new double[n * 4];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = rng.nextDouble() * 2 - 1;
                y[i] += x[i * 4 + j];
            }
        }
        MiniBatch all = new MiniBatch(Nd4j.create(x, new long[] {n, 4}, 'c').castTo(DataType.FLOAT),
                Nd4j.create(y, new long[] {n, 1}, 'c').castTo(DataType.FLOAT));
        return BatchSource.fixed(List.of(all));
    }

    private static Sequential regressionModel() {
        return ModelConfig.fromJson("{\"layers\":[{\"type\":\"Linear\",\"in\":4,\"out\":8},{\"type\":\"Tanh\"},"
                + "{\"type\":\"Linear\",\"in\":8,\"out\":1}],\"seed\":9}").build();
    }

    /** Keeps a copy of the parameters after every applied step. */
    private static final class LastGoodWeights implements Callback {
        double[] weights;
        long steps;

        @Override
        public void afterStep(Trainer trainer, double loss) {
            weights = flatParameters(trainer.model());
            steps = trainer.step();
        }
    }

    @Test
    void anExplodingLearningRateStopsWithTheStepNamedAndTheLastGoodWeights() {
        Sequential model = regressionModel();
        LastGoodWeights good = new LastGoodWeights();
        SGD sgd = SGD.builder(model.parameters(), 1e4).build();
        Trainer trainer = Trainer.builder(model, new MeanSquaredError(), sgd).callbacks(good).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.fit(regression(32), null, 1000));
        assertTrue(good.steps >= 1, "diverged before any step was applied");
        assertEquals(good.steps, e.step());
        assertTrue(e.getMessage().contains("step " + e.step()), e.getMessage());
        assertArrayEquals(good.weights, flatParameters(model), 0);
        assertEquals(good.steps, trainer.step());
    }

    @Test
    void aNonFiniteGradientNamesTheFirstLayerAndParameter() {
        Sequential model = regressionModel();
        double[] before = flatParameters(model);
        Loss nanGradient = new Loss() {
            @Override
            public Result compute(INDArray prediction, INDArray target) {
                return new Result(1.0, prediction.ulike().assign(Double.NaN));
            }
        };
        Trainer trainer = Trainer.builder(model, nanGradient, SGD.builder(model.parameters(), 0.1).build()).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.fit(regression(8), null, 1));
        assertEquals("0 Linear", e.layer());
        assertEquals("weight", e.parameter());
        assertEquals(0, e.step());
        assertTrue(e.getMessage().contains("layer 0 Linear, parameter 'weight' is NaN"), e.getMessage());
        assertArrayEquals(before, flatParameters(model), 0);
    }

    @Test
    void aNonFiniteLossRestoresTheBuffersOfTheFailedForwardPass() {
        Sequential model = ModelConfig.fromJson("{\"layers\":[{\"type\":\"BatchNorm1d\",\"features\":4},"
                + "{\"type\":\"Linear\",\"in\":4,\"out\":1}],\"seed\":1}").build();
        Loss infinite = new Loss() {
            @Override
            public Result compute(INDArray prediction, INDArray target) {
                return new Result(Double.POSITIVE_INFINITY, prediction.ulike());
            }
        };
        BatchNorm bn = (BatchNorm) model.layers().get(0);
        double[] mean = bn.buffers().get("running_mean").dup().data().asDouble();
        Trainer trainer = Trainer.builder(model, infinite, SGD.builder(model.parameters(), 0.1).build()).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.fit(regression(8), null, 1));
        assertNull(e.layer());
        assertTrue(e.getMessage().contains("loss is Infinity"), e.getMessage());
        assertArrayEquals(mean, bn.buffers().get("running_mean").data().asDouble(), 0);
    }

    @Test
    void evaluationLeavesNoBackwardStateAndRestoresTrainingMode() {
        Sequential model = ModelConfig.fromJson("{\"layers\":[{\"type\":\"Linear\",\"in\":4,\"out\":4},"
                + "{\"type\":\"BatchNorm1d\",\"features\":4},{\"type\":\"Linear\",\"in\":4,\"out\":1}],\"seed\":1}").build();
        Trainer trainer = Trainer.builder(model, new MeanSquaredError(), SGD.builder(model.parameters(), 0.1).build())
                .build();
        BatchNorm bn = (BatchNorm) model.layers().get(1);
        double[] var = bn.buffers().get("running_var").dup().data().asDouble();
        trainer.evaluate(regression(16));
        INDArray g = Nd4j.ones(DataType.FLOAT, 16, 4);
        assertThrows(IllegalStateException.class, () -> model.layers().get(0).backward(g));
        assertThrows(IllegalStateException.class, () -> model.layers().get(1).backward(g));
        assertTrue(bn.isTraining());
        assertArrayEquals(var, bn.buffers().get("running_var").data().asDouble(), 0);
    }

    @Test
    void earlyStoppingStopsWhenTheMonitoredValueStopsImproving() {
        Sequential model = regressionModel();
        // A zero learning rate: the validation loss never improves on epoch 0.
        Trainer trainer = Trainer.builder(model, new MeanSquaredError(), SGD.builder(model.parameters(), 0).build())
                .callbacks(new EarlyStopping("val_loss", 2)).build();
        History h = trainer.fit(regression(8), regression(8), 10);
        assertEquals(3, h.epochs().size());
    }

    @Test
    void earlyStoppingKeepsGoingWhileImproving() {
        Sequential model = regressionModel();
        Trainer trainer = Trainer.builder(model, new MeanSquaredError(), SGD.builder(model.parameters(), 0.05).build())
                .callbacks(new EarlyStopping("val_loss", 1)).build();
        History h = trainer.fit(regression(32), regression(32), 6);
        assertEquals(6, h.epochs().size());
    }

    @Test
    void aStepScheduleSetsTheRateBeforeEveryStep() {
        Sequential model = regressionModel();
        SGD sgd = SGD.builder(model.parameters(), 0.1).build();
        Trainer trainer = Trainer.builder(model, new MeanSquaredError(), sgd)
                .callbacks(new LearningRateScheduling(new StepDecay(1, 0.5), 0.1, LearningRateScheduling.Unit.STEP))
                .build();
        History h = trainer.fit(regression(8), null, 3);
        // Steps 0, 1, 2 (one batch per epoch): the last rate set is 0.1 * 0.5^2.
        assertEquals(0.025, h.epochs().get(2).learningRate(), 1e-15);
        assertEquals(0.05, h.epochs().get(1).learningRate(), 1e-15);
    }

    @Test
    void theHistoryRoundTripsThroughJson() {
        BarImages train = new BarImages(40, 8, 20, 1, 0.5);
        History h = cnnTrainer(ModelConfig.fromJson(SMALL_CNN).build(), 0.05).fit(train, train.unshuffled(), 2);
        History back = History.fromJson(h.toJson());
        assertEquals(h, back);
        assertArrayEquals(h.stepLossArray(), back.stepLossArray(), 0);
        assertArrayEquals(h.series("val_accuracy"), back.series("val_accuracy"), 0);
    }

    @Test
    void theLinePrinterWritesOneLinePerEpochAndNothingPerStep() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Sequential model = regressionModel();
        Trainer trainer = Trainer.builder(model, new MeanSquaredError(), SGD.builder(model.parameters(), 0.01).build())
                .listener(new EpochLinePrinter(out)).build();
        BatchSource four = (epoch, seed) -> List.of(regression(8).epoch(0, 0).iterator().next(),
                regression(8).epoch(0, 0).iterator().next(), regression(8).epoch(0, 0).iterator().next(),
                regression(8).epoch(0, 0).iterator().next());
        trainer.fit(four, null, 3);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[2].startsWith("epoch 3/3  loss "), lines[2]);
    }
}
