package org.convlab.experiments.grouped;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.convlab.experiments.ExperimentContext;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.RunSettings;
import org.convlab.experiments.Verdict;
import org.convlab.experiments.ChartAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupSpecialisationExperimentTest {

    @TempDir
    Path tmp;

    @Test
    void quickRunMeasuresColourfulnessOfBothGroupsPerSeed() throws Exception {
        GroupSpecialisationExperiment experiment = new GroupSpecialisationExperiment();
        ExperimentContext ctx = new ExperimentContext(experiment, new RunSettings(tmp, 7, true, false));
        ExperimentResult result = experiment.run(ctx);

        assertEquals(EXPECTED_QUICK, result.verdict(), result.explanation());
        for (int s = 1; s <= 2; s++) {
            double ratio = result.figure("seed " + s + ": mean colourfulness, more / less").measured();
            assertTrue(ratio >= 1 && ratio < 100, "ratio " + ratio);
            double a = result.figure("seed " + s + ": mean colourfulness group 1").measured();
            assertTrue(a >= 0 && a <= 1, "colourfulness " + a);
            double p = result.figure("seed " + s + ": permutation p").measured();
            assertTrue(p > 0 && p <= 1, "p " + p);
        }
        double count = result.figure("seeds with one group markedly more colourful").measured();
        assertTrue(count >= 0 && count <= 2);

        List<String> charts = ctx.charts().written();
        assertEquals(2, charts.stream().filter(c -> c.endsWith(".png")).count(), charts.toString());
        ChartAssertions.assertPngsDecode(tmp, charts);
    }

    @Test
    void colourfulnessIsZeroForGreyAndLargeForSingleChannelFilters() {
        // Two filters of one pixel each, layout [filter, channel, pixel].
        double[] w = {1, 1, 1, /* grey */ 1, 0, 0 /* red only */};
        double[] c = GroupSpecialisationExperiment.colourfulness(w, 2, 1);
        assertEquals(0, c[0], 1e-12);
        assertEquals(2.0 / 3, c[1], 1e-12);
    }

    @Test
    void permutationTestFindsASplitThatIsThereAndNoneThatIsNot() {
        double[] split = {0.9, 0.8, 0.85, 0.95, 0.1, 0.2, 0.15, 0.05};
        double[] mixed = {0.9, 0.1, 0.85, 0.2, 0.8, 0.15, 0.95, 0.05};
        assertTrue(GroupSpecialisationExperiment.permutationP(split, new SplittableRandom(1)) < 0.05);
        assertTrue(GroupSpecialisationExperiment.permutationP(mixed, new SplittableRandom(1)) > 0.5);
    }

    private static final Verdict EXPECTED_QUICK = Verdict.NOT_REPRODUCED;
}
