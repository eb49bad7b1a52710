package org.convlab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convlab.data.DataSet;
import org.convlab.nn.NamedArrays;
import org.convlab.nn.Sequential;
import org.convlab.nn.loss.SoftmaxCrossEntropy;
import org.convlab.optim.Adam;
import org.convlab.train.Accuracy;
import org.convlab.train.BarImages;
import org.convlab.train.Callback;
import org.convlab.train.History;
import org.convlab.train.MiniBatch;
import org.convlab.train.Trainer;
import org.convlab.train.TrainingState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run interrupted after any step (as Ctrl-C does), saved, and resumed from the checkpoint in a new
 * model, optimizer and trainer, ends exactly as the run that was never stopped: same weights, BatchNorm
 * statistics, dropout mask stream, Adam moments, step losses and epoch records, bit for bit.
 */
class MidEpochResumeTest {
    /** Parameters, BatchNorm buffers and a dropout mask stream: everything a resume must restore. */
    private static final String MODEL = "{\"layers\":["
            + "{\"type\":\"Conv2d\",\"in\":1,\"out\":4,\"kernel\":[3],\"padding\":[1]},"
            + "{\"type\":\"BatchNorm2d\",\"features\":4},{\"type\":\"ReLU\"},{\"type\":\"MaxPool2d\",\"kernel\":[2]},"
            + "{\"type\":\"Flatten\"},{\"type\":\"Dropout\",\"p\":0.3,\"seed\":7},{\"type\":\"Linear\",\"in\":64,\"out\":2}],"
            + "\"seed\":5}";
    private static final int BATCH = 12;
    private static final int EPOCHS = 2;

    @TempDir
    Path dir;

    // 70 images in batches of 12: five full batches and a short one of 10 per epoch.
    private final DataSet train = dataSet(new BarImages(70, 8, 70, 1, 0.5));
    private final DataSet test = dataSet(new BarImages(24, 8, 24, 2, 0.5));

    private static DataSet dataSet(BarImages images) {
        MiniBatch all = images.unshuffled().epoch(0, 0).iterator().next();
        return DataSet.ofLabels(all.features(), all.targets().toIntVector(), 2);
    }

    private static Trainer trainer(Sequential model, Adam adam, Callback... callbacks) {
        return Trainer.builder(model, new SoftmaxCrossEntropy(), adam).metrics(new Accuracy()).seed(23)
                .batchSize(BATCH).callbacks(callbacks).build();
    }

    private static Adam adam(Sequential model) {
        return Adam.builder(model.parameters()).learningRate(0.01).build();
    }

    /** Interrupts the run once, after step {@code at} (counted from 1), as a Ctrl-C handler would. */
    private static final class InterruptAfter implements Callback {
        private final long at;

        InterruptAfter(long at) {
            this.at = at;
        }

        @Override
        public void afterStep(Trainer trainer, double loss) {
            if (trainer.step() == at) {
                trainer.requestInterrupt();
            }
        }
    }

    // Step 1 and 4 lie in the first epoch (of 6 steps), 8 in the second, 6 is the last step of the first.
    @ParameterizedTest(name = "interrupted after step {0}")
    @ValueSource(ints = {1, 4, 6, 8})
    void anInterruptedRunResumedFromItsCheckpointEqualsTheUninterruptedRunBitForBit(int at) throws IOException {
        Sequential straight = ModelConfig.fromJson(MODEL).build();
        Adam straightAdam = adam(straight);
        History full = trainer(straight, straightAdam).fit(train, test, EPOCHS);

        Sequential first = ModelConfig.fromJson(MODEL).build();
        Trainer stopped = trainer(first, adam(first), new InterruptAfter(at));
        History partial = stopped.fit(train, test, EPOCHS);
        assertTrue(stopped.interrupted());
        assertEquals(at, partial.stepLosses().size(), "no step after the interrupt");
        TrainingState state = stopped.state();
        assertEquals(at % 6 != 0, state.midEpoch());
        Path file = dir.resolve("checkpoint.zip");
        Checkpoint.save(file, first, stopped.optimizer(), state);

        Checkpoint cp = Checkpoint.read(file);
        assertEquals(at, cp.trainingState().step());
        if (state.midEpoch()) {
            assertNotNull(cp.trainingState().epochProgress());
            assertEquals(at % 6, cp.trainingState().epochProgress().batches());
        }
        Sequential resumed = cp.buildModel();
        Adam resumedAdam = adam(resumed);
        cp.restoreOptimizer(resumedAdam);
        Trainer continued = trainer(resumed, resumedAdam);
        continued.restore(cp.trainingState());
        History rest = continued.fit(train, test, EPOCHS);

        assertFalse(continued.interrupted());
        assertArrayEquals(flat(NamedArrays.parameterValues(straight)), flat(NamedArrays.parameterValues(resumed)), 0);
        assertArrayEquals(flat(NamedArrays.buffers(straight)), flat(NamedArrays.buffers(resumed)), 0);
        assertArrayEquals(flat(straightAdam.state()), flat(resumedAdam.state()), 0);
        assertArrayEquals(full.stepLossArray(), rest.stepLossArray(), 0);
        assertArrayEquals(full.series("loss"), rest.series("loss"), 0);
        assertArrayEquals(full.series("accuracy"), rest.series("accuracy"), 0);
        assertEquals(full, rest);
    }

    @ParameterizedTest(name = "interrupted after step {0}, continued in the same trainer")
    @ValueSource(ints = {3})
    void fitCalledAgainAfterAnInterruptContinuesTheEpoch(int at) {
        Sequential straight = ModelConfig.fromJson(MODEL).build();
        History full = trainer(straight, adam(straight)).fit(train, test, EPOCHS);
        Sequential model = ModelConfig.fromJson(MODEL).build();
        Trainer t = trainer(model, adam(model), new InterruptAfter(at));
        t.fit(train, test, EPOCHS);
        assertEquals(at, t.batchInEpoch());
        History rest = t.fit(train, test, EPOCHS);
        assertEquals(full, rest);
    }

    private static double[] flat(Map<String, INDArray> arrays) {
        List<Double> all = new ArrayList<>();
        arrays.values().forEach(a -> {
            for (double v : a.castTo(DataType.DOUBLE).data().asDouble()) {
                all.add(v);
            }
        });
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
