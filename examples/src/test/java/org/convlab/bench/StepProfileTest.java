package org.convlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.convlab.nn.Sequential;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.train.BatchSource;
import org.convlab.train.MiniBatch;
import org.convlab.train.PrefetchingBatchSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The per-layer profile accounts for every layer and part of a step (not a speed test). */
class StepProfileTest {

    @Test
    void everyLayerAndPartHasARowAndTheRowsFitInTheStep() {
        Sequential model = new Sequential(new MaxPool2d(2), new Flatten(), Linear.builder(4 * 4, 8).seed(1).build(),
                new ReLU(), Linear.builder(8, 3).seed(2).build());
        List<MiniBatch> batches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batches.add(new MiniBatch(Nd4j.rand(DataType.FLOAT, 5, 1, 8, 8), new int[] {0, 1, 2, 0, 1}));
        }
        BatchSource source = PrefetchingBatchSource.of(BatchSource.fixed(batches), 2);
        StepProfile.Result r = StepProfile.run(model, source, 5, 2, 6, 7);
        assertEquals(2 + model.layers().size() + 2, r.rows().size(), r.rows().toString());
        double sum = 0;
        for (StepProfile.Row row : r.rows()) {
            assertTrue(row.forwardMs() >= 0 && row.backwardMs() >= 0, row.toString());
            sum += row.totalMs();
        }
        assertTrue(sum <= r.stepMs() * 1.0001 && r.stepMs() > 0, sum + " > " + r.stepMs());
        assertTrue(r.rows().stream().filter(x -> x.part().endsWith("Linear")).allMatch(x -> x.backwardMs() > 0));
        String table = StepProfile.table(r);
        for (int i = 0; i < model.layers().size(); i++) {
            assertTrue(table.contains(i + " " + model.layers().get(i).name()), table);
        }
        assertTrue(table.contains("optimizer update") && table.contains("images/s"), table);
    }
}
