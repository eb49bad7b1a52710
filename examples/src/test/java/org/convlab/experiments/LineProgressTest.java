package org.convlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Off a terminal an experiment's long task prints a plain line every 10 seconds (a fake clock here). */
class LineProgressTest {

    @Test
    void aLineEveryTenSecondsWithPositionExtraAndElapsedTime() {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = new LineProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "grouped training", 20,
                10, now::get)) {
            for (int i = 1; i <= 20; i++) {
                now.addAndGet(4_000_000_000L); // 4 s per step
                p.setExtra("loss " + i);
                p.step();
            }
        }
        // Steps end at 4, 8, ..., 80 s: a line at 12 s (step 3), 24 s, ... (every third step).
        assertEquals(List.of("  grouped training: 3/20 (15%), loss 3, 0:12 elapsed",
                "  grouped training: 6/20 (30%), loss 6, 0:24 elapsed",
                "  grouped training: 9/20 (45%), loss 9, 0:36 elapsed",
                "  grouped training: 12/20 (60%), loss 12, 0:48 elapsed",
                "  grouped training: 15/20 (75%), loss 15, 1:00 elapsed",
                "  grouped training: 18/20 (90%), loss 18, 1:12 elapsed"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
