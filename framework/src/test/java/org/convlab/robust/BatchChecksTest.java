package org.convlab.robust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.convlab.io.ModelConfig;
import org.convlab.nn.Sequential;
import org.convlab.nn.loss.SoftmaxCrossEntropy;
import org.convlab.optim.SGD;
import org.convlab.train.BatchSource;
import org.convlab.train.MiniBatch;
import org.convlab.train.Trainer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The checks every training batch passes before its step: a NaN pixel stops the run at that batch
 * with an error naming the batch and the input (not a NaN loss or gradient deep in the network), and
 * a batch whose activations cannot fit in memory is refused naming the layer and the bytes, before
 * anything of that size is allocated.
 */
class BatchChecksTest {
    private static final String SMALL = "{\"layers\":[{\"type\":\"Conv2d\",\"in\":1,\"out\":2,\"kernel\":[3]},"
            + "{\"type\":\"ReLU\"},{\"type\":\"Flatten\"},{\"type\":\"Linear\",\"in\":72,\"out\":3}],\"seed\":4}";

    private static List<MiniBatch> batches(int count) {
        List<MiniBatch> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 8, 8);
            out.add(new MiniBatch(x, new int[] {0, 1, 2, i % 3}));
        }
        return out;
    }

    private static Trainer trainer(Sequential model) {
        return Trainer.builder(model, new SoftmaxCrossEntropy(), SGD.builder(model.parameters(), 0.1).build()).seed(1)
                .build();
    }

    @Test
    void oneNanPixelStopsTrainingAtItsBatchNamingTheBatchAndTheInput() {
        Nd4j.getRandom().setSeed(3);
        Sequential model = ModelConfig.fromJson(SMALL).build();
        List<MiniBatch> data = batches(4);
        data.get(2).features().putScalar(new long[] {3, 0, 5, 6}, Float.NaN);
        Trainer trainer = trainer(model);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(BatchSource.fixed(data), null, 1));
        String m = e.getMessage();
        assertTrue(m.contains("epoch 0, batch 2") && m.contains("features [4, 1, 8, 8]") && m.contains("NaN")
                && m.contains("[3, 0, 5, 6]") && m.contains("example 3"), m);
        // The two good batches were trained, the bad one was not: the weights are finite.
        assertEquals(2, trainer.step());
        assertTrue(java.util.Arrays.stream(model.parameters().get(0).value().dup().data().asDouble()).allMatch(Double::isFinite));
    }

    @Test
    void aNanInTheFirstBatchStopsAtTheFirstStepWithTheWeightsUntouched() {
        Sequential model = ModelConfig.fromJson(SMALL).build();
        double[] before = model.parameters().get(0).value().dup().data().asDouble();
        List<MiniBatch> data = batches(2);
        data.get(0).features().putScalar(new long[] {0, 0, 0, 0}, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(model).fit(BatchSource.fixed(data), null, 1));
        assertTrue(e.getMessage().contains("epoch 0, batch 0"), e.getMessage());
        assertArrayEquals(before, model.parameters().get(0).value().dup().data().asDouble());
    }

    @Test
    void anInfiniteTargetIsNamedAsTheTargets() {
        Sequential model = ModelConfig.fromJson("{\"layers\":[{\"type\":\"Linear\",\"in\":3,\"out\":2}],\"seed\":1}").build();
        INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 2);
        y.putScalar(1, 1, Float.POSITIVE_INFINITY);
        Trainer t = Trainer.builder(model, new org.convlab.nn.loss.MeanSquaredError(),
                SGD.builder(model.parameters(), 0.1).build()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(
                BatchSource.fixed(List.of(new MiniBatch(Nd4j.ones(DataType.FLOAT, 2, 3), y))), null, 1));
        assertTrue(e.getMessage().contains("targets [2, 2]") && e.getMessage().contains("Infinity"), e.getMessage());
    }

    @Test
    void aBatchThatCannotFitIsRefusedNamingTheLayerAndTheBytesBeforeAllocating() {
        // 1x1 convolution to 65536 channels on a 512x512 image: an output of 2^34 floats, 64 GiB.
        Sequential model = ModelConfig.fromJson("{\"layers\":[{\"type\":\"ReLU\"},{\"type\":\"Conv2d\",\"in\":1,"
                + "\"out\":65536,\"kernel\":[1]},{\"type\":\"GlobalAvgPool\"}],\"seed\":1}").build();
        MiniBatch huge = new MiniBatch(Nd4j.rand(DataType.FLOAT, 1, 1, 512, 512), new int[] {0});
        long start = System.nanoTime();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(model).fit(BatchSource.fixed(List.of(huge)), null, 1));
        String m = e.getMessage();
        assertTrue(m.startsWith("batch does not fit in memory: epoch 0, batch 0: layer 1 (Conv2d) with output "
                + "[1, 65536, 512, 512] FLOAT needs "), m);
        // The output (64 GiB, plus the ReLU's 1 MiB), its gradient and one working buffer of its size.
        assertTrue(m.contains("(192.0 GiB)") && m.contains("maxphysicalbytes"), m);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused at once, not after trying");
    }
}
