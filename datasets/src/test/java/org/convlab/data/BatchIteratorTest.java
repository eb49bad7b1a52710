package org.convlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BatchIteratorTest {
    /** N examples [N, 2, 3, 3]; every value of example i equals i, label i % 4. */
    private static DataSet indexed(int n) {
        float[] v = new float[n * 18];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(v, i * 18, (i + 1) * 18, i);
            labels[i] = i % 4;
        }
        return DataSet.ofLabels(Nd4j.create(v, new long[] {n, 2, 3, 3}, 'c'), labels, 4);
    }

    @ParameterizedTest(name = "n={0} batch={1} shuffle={2}")
    @CsvSource({"103, 10, true", "103, 10, false", "100, 25, true", "7, 64, true"})
    void everyExampleExactlyOncePerEpochAndBatchesHoldTheirExamples(int n, int batchSize, boolean shuffle) {
        BatchIterator it = BatchIterator.builder(indexed(n), batchSize).shuffle(shuffle).seed(9).build();
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = new int[n];
            int batches = 0;
            for (Batch b : it.epoch(epoch)) {
                batches++;
                assertTrue(b.size() <= batchSize);
                assertEquals(b.size(), b.features().size(0));
                assertArrayEquals(new long[] {b.size(), 2, 3, 3}, b.features().shape());
                float[] values = b.features().data().asFloat();
                int[] labels = b.labels();
                int[] idx = b.indices();
                for (int k = 0; k < b.size(); k++) {
                    seen[idx[k]]++;
                    // The gathered features and labels belong to the example the index names.
                    assertEquals(idx[k], values[k * 18], 0f);
                    assertEquals(idx[k], values[k * 18 + 17], 0f);
                    assertEquals(idx[k] % 4, labels[k]);
                }
            }
            assertEquals(it.batchesPerEpoch(), batches);
            for (int i = 0; i < n; i++) {
                assertEquals(1, seen[i], "example " + i + " in epoch " + epoch);
            }
        }
    }

    @Test
    void dropLastDropsOnlyTheIncompleteBatch() {
        BatchIterator it = BatchIterator.builder(indexed(103), 10).dropLast(true).seed(1).build();
        int[] seen = new int[103];
        int total = 0;
        for (Batch b : it.epoch(0)) {
            assertEquals(10, b.size());
            for (int i : b.indices()) {
                seen[i]++;
                total++;
            }
        }
        assertEquals(100, total);
        assertEquals(10, it.batchesPerEpoch());
        assertTrue(Arrays.stream(seen).allMatch(c -> c <= 1));
    }

    @Test
    void shuffleIsSeededAndChangesFromEpochToEpoch() {
        DataSet d = indexed(50);
        BatchIterator a = BatchIterator.builder(d, 8).seed(5).build();
        BatchIterator b = BatchIterator.builder(d, 8).seed(5).build();
        BatchIterator c = BatchIterator.builder(d, 8).seed(6).build();
        assertArrayEquals(order(a.epoch(2)), order(b.epoch(2)));
        assertFalse(Arrays.equals(order(a.epoch(0)), order(a.epoch(1))));
        assertFalse(Arrays.equals(order(a.epoch(0)), order(c.epoch(0))));
        int[] sortedCheck = order(a.epoch(0));
        int[] identity = new int[50];
        Arrays.setAll(identity, i -> i);
        assertFalse(Arrays.equals(identity, sortedCheck), "a shuffled epoch should not be the identity");
        // for-each over the iterator itself walks epochs 0, 1, ... in turn
        List<Integer> first = new ArrayList<>();
        for (Batch batch : b) {
            Arrays.stream(batch.indices()).forEach(first::add);
        }
        assertArrayEquals(order(b.epoch(0)), first.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void targetsAreGatheredWithTheirFeatures() {
        INDArray x = Nd4j.arange(0, 20).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(10, 1, 2);
        INDArray y = Nd4j.arange(0, 10).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(10, 1);
        BatchIterator it = BatchIterator.builder(DataSet.ofTargets(x, y), 4).seed(2).build();
        for (Batch b : it.epoch(0)) {
            double[] f = b.features().data().asDouble();
            double[] t = b.targets().data().asDouble();
            int[] idx = b.indices();
            for (int k = 0; k < idx.length; k++) {
                assertEquals(idx[k], t[k], 0);
                assertEquals(2 * idx[k], f[2 * k], 0);
            }
        }
    }

    @Test
    void badSettingsAreRefused() {
        DataSet d = indexed(5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> BatchIterator.builder(d, 0).build());
        assertTrue(e.getMessage().contains("batchSize"));
    }

    private static int[] order(Iterable<Batch> epoch) {
        List<Integer> out = new ArrayList<>();
        for (Batch b : epoch) {
            Arrays.stream(b.indices()).forEach(out::add);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
