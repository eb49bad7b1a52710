package org.convlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.convlab.nn.Sequential;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.loss.SoftmaxCrossEntropy;
import org.convlab.optim.Adam;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PrefetchingBatchSourceTest {

    /** 12 batches of 4 rows per epoch, shuffled by the epoch seed; records the thread that built each batch. */
    private static final class Shuffled implements BatchSource {
        final List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public Iterable<MiniBatch> epoch(int epoch, long epochSeed) {
            return () -> new Iterator<>() {
                final SplittableRandom random = new SplittableRandom(epochSeed);
                int made;

                @Override
                public boolean hasNext() {
                    return made < 12;
                }

                @Override
                public MiniBatch next() {
                    made++;
                    threads.add(Thread.currentThread().getName());
                    float[] features = new float[4 * 3];
                    int[] labels = new int[4];
                    for (int i = 0; i < features.length; i++) {
                        features[i] = (float) random.nextDouble(-1, 1);
                    }
                    for (int i = 0; i < labels.length; i++) {
                        labels[i] = random.nextInt(2);
                    }
                    return new MiniBatch(Nd4j.create(features, new long[] {4, 3}, 'c'), labels);
                }
            };
        }

        @Override
        public int batchesPerEpoch() {
            return 12;
        }
    }

    private static List<double[]> read(BatchSource source, int epoch, long seed) {
        List<double[]> out = new ArrayList<>();
        for (MiniBatch b : source.epoch(epoch, seed)) {
            out.add(b.features().dup().data().asDouble());
        }
        return out;
    }

    @Test
    void batchesArriveInTheWrappedOrderBuiltOnAnotherThread() {
        Shuffled plain = new Shuffled();
        Shuffled wrapped = new Shuffled();
        PrefetchingBatchSource prefetching = PrefetchingBatchSource.of(wrapped, 3);
        for (int epoch = 0; epoch < 3; epoch++) {
            List<double[]> expected = read(plain, epoch, 100 + epoch);
            List<double[]> got = read(prefetching, epoch, 100 + epoch);
            assertEquals(expected.size(), got.size());
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), got.get(i), 0.0, "epoch " + epoch + ", batch " + i);
            }
        }
        assertEquals(12, prefetching.batchesPerEpoch());
        assertTrue(wrapped.threads.stream().allMatch(t -> t.startsWith("convlab-prefetch")), wrapped.threads.toString());
        assertTrue(plain.threads.stream().noneMatch(t -> t.startsWith("convlab-prefetch")));
    }

    @Test
    void anExceptionOfTheSourceReachesTheTrainingThreadAtItsPosition() {
        IllegalStateException boom = new IllegalStateException("file truncated at batch 2");
        BatchSource failing = (epoch, seed) -> () -> new Iterator<>() {
            int made;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public MiniBatch next() {
                if (made == 2) {
                    throw boom;
                }
                made++;
                return new MiniBatch(Nd4j.zeros(DataType.FLOAT, 1, 2), new int[] {0});
            }
        };
        Iterator<MiniBatch> it = PrefetchingBatchSource.of(failing, 2).epoch(0, 0).iterator();
        it.next();
        it.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, it::hasNext);
        assertSame(boom, e);
    }

    @Test
    void closingEarlyStopsTheReaderThread() throws Exception {
        AtomicReference<Thread> reader = new AtomicReference<>();
        BatchSource endless = (epoch, seed) -> () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                reader.set(Thread.currentThread());
                return true;
            }

            @Override
            public MiniBatch next() {
                return new MiniBatch(Nd4j.zeros(DataType.FLOAT, 1, 2), new int[] {0});
            }
        };
        Iterator<MiniBatch> it = PrefetchingBatchSource.of(endless, 2).epoch(0, 0).iterator();
        it.next();
        PrefetchingBatchSource.close(it);
        reader.get().join(5000);
        assertFalse(reader.get().isAlive(), "the reader must stop when the epoch is closed early");
        assertFalse(it.hasNext());
    }

    @Test
    void aStepThatThrowsStopsTheReaderThroughTheTrainer() throws Exception {
        Shuffled data = new Shuffled();
        Sequential model = new Sequential(Linear.builder(3, 2).seed(1).build());
        // a loss that fails on the third step, the reader still holding batches ahead
        SoftmaxCrossEntropy real = new SoftmaxCrossEntropy();
        int[] calls = {0};
        org.convlab.nn.loss.Loss failing = (prediction, target) -> {
            if (++calls[0] == 3) {
                throw new IllegalArgumentException("bad batch");
            }
            return real.compute(prediction, target);
        };
        Trainer trainer = Trainer.builder(model, failing, Adam.builder(model.parameters()).build()).seed(3).build();
        assertThrows(IllegalArgumentException.class, () -> trainer.fit(PrefetchingBatchSource.of(data, 2), null, 1));
        Thread.sleep(50);
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("convlab-prefetch") && t.isAlive()),
                "no prefetch thread may outlive the failed fit");
    }

    @Test
    void trainingOnPrefetchedBatchesGivesTheSameBits() {
        double[][] losses = new double[2][];
        INDArray[] weights = new INDArray[2];
        for (int run = 0; run < 2; run++) {
            Sequential model = new Sequential(Linear.builder(3, 8).seed(4).build(), new ReLU(),
                    Linear.builder(8, 2).seed(5).build());
            Trainer trainer = Trainer.builder(model, new SoftmaxCrossEntropy(),
                    Adam.builder(model.parameters()).learningRate(0.01).build()).seed(6).build();
            BatchSource source = run == 0 ? new Shuffled() : PrefetchingBatchSource.of(new Shuffled(), 2);
            History h = trainer.fit(source, null, 3);
            losses[run] = h.stepLosses().stream().mapToDouble(Double::doubleValue).toArray();
            weights[run] = model.parameters().get(0).value().dup();
        }
        assertEquals(36, losses[0].length);
        assertArrayEquals(losses[0], losses[1], 0.0);
        assertArrayEquals(weights[0].data().asDouble(), weights[1].data().asDouble(), 0.0);
        assertNotEquals(losses[0][0], losses[0][35]);
    }

    @Test
    void depthAndSourceAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> PrefetchingBatchSource.of(new Shuffled(), 0));
        assertThrows(IllegalArgumentException.class, () -> PrefetchingBatchSource.of(null, 2));
    }
}
