package org.convlab.experiments.flipped;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.convlab.experiments.ExperimentContext;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.Figure;
import org.convlab.experiments.RunSettings;
import org.convlab.experiments.Verdict;
import org.convlab.experiments.ChartAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlippedKernelExperimentTest {

    @TempDir
    Path tmp;

    static Figure figure(ExperimentResult r, String name) {
        return r.figures().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no figure '" + name + "' in " + r.figures()));
    }

    @Test
    void crossCorrelationLayersLearnTheFlippedKernel() throws Exception {
        FlippedKernelExperiment e = new FlippedKernelExperiment();
        RunSettings settings = new RunSettings(tmp, 7, true, false);
        ExperimentContext ctx = new ExperimentContext(e, settings);
        ExperimentResult r = e.run(ctx);

        assertEquals(Verdict.CONFIRMED, r.verdict(), r.explanation());
        assertTrue(figure(r, "max |TrueConv2d(g) - Conv2d(flip g)|").measured() < 1e-12);
        assertTrue(figure(r, "max |TrueConv1d(g) - textbook sum f[m]g[n-m]|").measured() < 1e-12);
        for (String run : List.of("1D noise-free", "2D noise-free")) {
            double toFlip = figure(r, run + ": ||learned - flip(g)|| / ||flip(g)||").measured();
            double toG = figure(r, run + ": ||learned - g|| / ||g||").measured();
            assertTrue(toFlip < 0.02, run + " to flip " + toFlip);
            assertTrue(toG > 0.5, run + " to g " + toG);
            assertEquals(0.3, figure(r, run + ": learned bias").measured(), 0.01);
        }
        double noisy = figure(r, "2D noise sigma 0.5: ||learned - flip(g)|| / ||flip(g)||").measured();
        assertTrue(noisy > 0 && noisy < 0.1, "noisy 2D " + noisy);

        List<String> pngs = ctx.charts().written().stream().filter(f -> f.endsWith(".png")).toList();
        assertEquals(3, pngs.size(), pngs.toString());
        ChartAssertions.assertPngsDecode(tmp, pngs);
    }

    @Test
    void exactChecksDetectAWrongFlip() {
        // The checks must be able to fail: a kernel compared with itself instead of its flip differs.
        double[] g = {1, 2, 3};
        double[] flipped = {3, 2, 1};
        assertTrue(FlippedKernelExperiment.relativeDistance(g, flipped) > 0.5);
        assertEquals(0, FlippedKernelExperiment.relativeDistance(flipped, flipped));
        assertFalse(FlippedKernelExperiment.textbookCheck1d(3) > 1e-12);
    }
}
