package org.convlab.experiments.grouped;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.convlab.experiments.ChartAssertions;
import org.convlab.experiments.Claim;
import org.convlab.experiments.ExperimentContext;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.RunSettings;
import org.convlab.experiments.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupSpecialisationExperimentTest {

    @TempDir
    Path tmp;

    @Test
    void quickRunDecidesTheClaimByItsRuleAndDrawsTheEvidence() throws Exception {
        GroupSpecialisationExperiment experiment = new GroupSpecialisationExperiment();
        ExperimentContext ctx = new ExperimentContext(experiment, new RunSettings(tmp, 7, true, false));
        ExperimentResult result = experiment.run(ctx);

        Claim claim = result.claimCheck("colour-and-grey-groups");
        int separated = 0;
        for (int s = 1; s <= 2; s++) {
            double auc = result.figure("seed " + s + ": colourfulness AUC").measured();
            double p = result.figure("seed " + s + ": permutation p").measured();
            assertTrue(auc >= 0 && auc <= 1 && p > 0 && p <= 1, auc + " " + p);
            separated += (auc >= 0.85 || auc <= 0.15) && p < 0.01 ? 1 : 0;
        }
        boolean controlQuiet = result.figure("control (1 group): permutation p").measured() >= 0.01;
        // Quick runs 2 seeds: ceil(0.75 * 2) = 2 must separate.
        assertEquals(separated == 2 && controlQuiet ? Verdict.CONFIRMED : Verdict.NOT_REPRODUCED, claim.verdict(),
                claim.finding());
        assertEquals(claim.verdict(), result.verdict());

        List<String> charts = ctx.charts().written();
        assertEquals(2, charts.stream().filter(c -> c.endsWith(".png")).count(), charts.toString());
        assertTrue(charts.contains(claim.chart()));
        charts.forEach(c -> assertFalse(result.caption(c).isBlank(), "caption of " + c));
        ChartAssertions.assertPngsDecode(tmp, charts);
    }

    @Test
    void colourfulnessIsZeroForGreyAndOneForChannelsSummingToZero() {
        // Two 1-pixel filters: grey (2, 2, 2) and opponent (1, -1, 0).
        double[] w = {2, 2, 2, 1, -1, 0};
        double[] c = FilterMeasures.colourfulness(w, 2, 1);
        assertEquals(0, c[0], 1e-12);
        assertEquals(1, c[1], 1e-12);
    }

    @Test
    void luminanceCentroidIsTheGratingFrequency() {
        int k = 7;
        double[] flat = new double[3 * k * k];
        java.util.Arrays.fill(flat, 0.5);
        double[] grating = new double[3 * k * k];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < k; y++) {
                for (int x = 0; x < k; x++) {
                    grating[c * k * k + y * k + x] = Math.cos(2 * Math.PI * 3 * x / k);
                }
            }
        }
        assertEquals(0, FilterMeasures.luminanceCentroid(flat, 1, k)[0], 1e-12);
        // All power at (0, +-3/7) cycles per pixel.
        assertEquals(3.0 / 7, FilterMeasures.luminanceCentroid(grating, 1, k)[0], 1e-9);
    }

    @Test
    void aucComparesTheValuesLabelledZeroWithThoseLabelledOne() {
        assertEquals(1, GroupSpecialisationExperiment.auc(new double[] {5, 6, 1, 2}, new int[] {0, 0, 1, 1}));
        assertEquals(0, GroupSpecialisationExperiment.auc(new double[] {5, 6, 1, 2}, new int[] {1, 1, 0, 0}));
    }
}
