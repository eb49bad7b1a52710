package org.convlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.convlab.io.ModelConfig;
import org.convlab.nn.Sequential;
import org.convlab.nn.loss.SoftmaxCrossEntropy;
import org.convlab.optim.SGD;
import org.junit.jupiter.api.Test;

/**
 * Off a terminal, training prints a progress line every 10 seconds during an epoch (position, loss,
 * images/s and the time left) and a summary per epoch; the clock here is a fake one that advances
 * 3 seconds per step.
 */
class ProgressLinesTest {

    @Test
    void aLineEveryTenSecondsWithPositionImagesPerSecondAndEta() {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Sequential model = ModelConfig.fromJson("{\"layers\":[{\"type\":\"Flatten\"},"
                + "{\"type\":\"Linear\",\"in\":64,\"out\":2}],\"seed\":1}").build();
        Callback threeSecondsPerStep = new Callback() {
            @Override
            public void afterStep(Trainer trainer, double loss) {
                now.addAndGet(3_000_000_000L);
            }
        };
        Trainer trainer = Trainer.builder(model, new SoftmaxCrossEntropy(), SGD.builder(model.parameters(), 0.1).build())
                .listener(new EpochLinePrinter(out, 10, now::get)).callbacks(threeSecondsPerStep).build();
        // 100 images in batches of 10: 10 steps per epoch, 30 fake seconds per epoch.
        trainer.fit(new BarImages(100, 8, 10, 1, 0.3), null, 2);

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        // Step k ends at 3(k-1) s on the listener's clock: lines after steps 5 (12 s) and 9 (24 s).
        assertEquals(List.of("epoch 1/2   50% (5/10 batches)", "epoch 1/2   90% (9/10 batches)", "epoch 1/2  loss",
                "epoch 2/2   50% (5/10 batches)", "epoch 2/2   90% (9/10 batches)", "epoch 2/2  loss"),
                lines.stream().map(l -> l.replaceAll("(batches\\)|  loss).*", "$1")).toList(), String.join("\n", lines));
        String fifth = lines.get(0);
        // 50 images in 12 s; 5 batches left at 2.4 s each.
        assertTrue(fifth.contains("4 images/s, ETA 0:12"), fifth);
        assertTrue(lines.get(2).endsWith("30.0s"), lines.get(2));
    }
}
