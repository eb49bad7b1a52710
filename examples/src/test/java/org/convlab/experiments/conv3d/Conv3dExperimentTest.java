package org.convlab.experiments.conv3d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.convlab.experiments.ExperimentContext;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.Figure;
import org.convlab.experiments.RunSettings;
import org.convlab.experiments.Verdict;
import org.convlab.experiments.ChartAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Conv3dExperimentTest {

    @TempDir
    Path tmp;

    @Test
    void quickRunConfirmsVolumeOutputDepthSharingAndThe3dGain() throws Exception {
        Conv3dExperiment experiment = new Conv3dExperiment();
        RunSettings settings = new RunSettings(tmp, 7, true, false);
        ExperimentContext ctx = new ExperimentContext(experiment, settings);
        ExperimentResult result = experiment.run(ctx);

        assertEquals(Verdict.CONFIRMED, result.verdict(), result.explanation());
        assertEquals(1.0, figure(result, "Conv3d output shape"), "output must be a D x H x W volume");
        assertTrue(figure(result, "after a one-voxel depth shift") <= 1e-12, "shift must be exact");
        assertTrue(figure(result, "control:") > 1e-3, "the control must show that unshifted slices differ");
        assertTrue(figure(result, "per-slice Conv2d") <= 1e-12);
        double p3 = figure(result, "Conv3d segmenter parameters");
        double p2 = figure(result, "slice-wise Conv2d segmenter parameters");
        assertEquals(1969, p3);
        assertTrue(Math.abs(p3 - p2) / p3 < 0.05, "models must be parameter-matched: " + p3 + " vs " + p2);
        double d3 = figure(result, "held-out Dice, Conv3d");
        double d2 = figure(result, "held-out Dice, slice-wise Conv2d");
        assertTrue(d3 > 0.5 && d3 <= 1, "Conv3d Dice " + d3);
        assertTrue(d2 >= 0 && d2 <= 1, "Conv2d Dice " + d2);
        assertTrue(d3 - d2 > Conv3dExperiment.DICE_MARGIN);
        assertFalse(result.explanation().isBlank());

        var charts = ctx.charts().written();
        assertEquals(2, charts.stream().filter(c -> c.endsWith(".png")).count(), charts.toString());
        ChartAssertions.assertPngsDecode(tmp, charts);
    }

    @Test
    void diceCountsOverlapOfPositiveLogits() {
        var logits = org.nd4j.linalg.factory.Nd4j.create(new float[] {1, -1, 2, -3}, new long[] {4});
        var truth = org.nd4j.linalg.factory.Nd4j.create(new float[] {1, 1, 0, 0}, new long[] {4});
        // predicted {0, 2}, truth {0, 1}: 2*1 / (2 + 2)
        assertEquals(0.5, Conv3dExperiment.dice(logits, truth), 1e-12);
    }

    private static double figure(ExperimentResult result, String namePrefix) {
        return result.figures().stream().filter(f -> f.name().startsWith(namePrefix) || f.name().contains(namePrefix))
                .findFirst().map(Figure::measured)
                .orElseThrow(() -> new AssertionError("no figure '" + namePrefix + "' in " + result.figures()));
    }
}
