package org.convlab.experiments.conv3d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.convlab.experiments.ExperimentContext;
import org.convlab.experiments.ExperimentResult;
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

        assertEquals(Verdict.CONFIRMED, result.claimCheck("output-volume").verdict());
        assertEquals(1.0, result.figure("Conv3d output shape").measured(), "output must be a D x H x W volume");
        assertTrue(result.figure("max |y'(z) - y(z-1)| after a one-voxel depth shift").measured() <= 1e-12,
                "shift must be exact");
        assertTrue(result.figure("control:").measured() > 1e-3, "the control must show that unshifted slices differ");
        assertTrue(result.figure("max |Conv3d(1x3x3) - per-slice Conv2d|").measured() <= 1e-12);
        // Counted from the architectures: 3D 27c+c + 27c^2+c + c+1 (c = 8); 2D 9c+c + 9c^2+c + c+1 (c = 14);
        // 2.5D 27c+c + 9c^2+c + c+1 (c = 13).
        assertEquals(1969, result.figure("Conv3d segmenter parameters").measured());
        assertEquals(1933, result.figure("slice-wise Conv2d segmenter parameters").measured());
        assertEquals(1912, result.figure("2.5D segmenter parameters").measured());
        double d3 = result.figure("held-out Dice, Conv3d").measured();
        double d2 = result.figure("held-out Dice, slice-wise Conv2d").measured();
        assertTrue(d3 > 0 && d3 <= 1, "Conv3d Dice " + d3);
        assertTrue(d2 >= 0 && d2 <= 1, "Conv2d Dice " + d2);
        double mean = result.figure("Dice gain of Conv3d over Conv2d, mean").measured();
        double sd = result.figure("Dice gain of Conv3d over Conv2d, sd").measured();
        assertEquals(d3 - d2, mean, 1e-9, "the mean gain is the difference of the mean Dice values");
        boolean helps = mean > Conv3dExperiment.DICE_MARGIN && mean - sd > 0;
        assertEquals(helps ? Verdict.CONFIRMED : Verdict.NOT_REPRODUCED, result.claimCheck("3d-context").verdict(),
                result.claimCheck("3d-context").finding());
        assertEquals(Verdict.summarise(result.claims()), result.verdict());
        assertFalse(result.explanation().isBlank());

        var charts = ctx.charts().written();
        assertEquals(2, charts.stream().filter(c -> c.endsWith(".png")).count(), charts.toString());
        charts.forEach(c -> assertFalse(result.caption(c).isBlank(), "caption of " + c));
        ChartAssertions.assertPngsDecode(tmp, charts);
    }

    @Test
    void diceCountsOverlapOfPositiveLogits() {
        var logits = org.nd4j.linalg.factory.Nd4j.create(new float[] {1, -1, 2, -3}, new long[] {4});
        var truth = org.nd4j.linalg.factory.Nd4j.create(new float[] {1, 1, 0, 0}, new long[] {4});
        // predicted {0, 2}, truth {0, 1}: 2*1 / (2 + 2)
        assertEquals(0.5, Conv3dExperiment.dice(logits, truth), 1e-12);
    }

}
