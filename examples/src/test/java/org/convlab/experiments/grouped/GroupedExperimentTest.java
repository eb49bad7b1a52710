package org.convlab.experiments.grouped;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.convlab.experiments.ChartAssertions;
import org.convlab.experiments.Claim;
import org.convlab.experiments.ExperimentContext;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.RunSettings;
import org.convlab.experiments.Verdict;
import org.convlab.experiments.support.PermutationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GroupedExperimentTest {

    @TempDir
    Path tmp;

    @Test
    void quickRunChecksEverySentenceWithItsOwnVerdictAndEvidence() throws Exception {
        GroupedExperiment experiment = new GroupedExperiment();
        ExperimentContext ctx = new ExperimentContext(experiment, new RunSettings(tmp, 7, true, false));
        ExperimentResult result = experiment.run(ctx);

        assertEquals(List.of("parameters-halved", "block-diagonal-weight", "parallel-paths",
                "block-diagonal-correlation", "structure-learned", "better-model"),
                result.claims().stream().map(Claim::id).toList());
        // Counted from the definition: 3*3*128*128 and (3*3*64*64)*2.
        Claim halved = result.claimCheck("parameters-halved");
        assertEquals(Verdict.CONFIRMED, halved.verdict(), halved.finding());
        assertEquals(147456, halved.figures().get(0).measured());
        assertEquals(73728, halved.figures().get(1).measured());
        assertEquals(Verdict.CONFIRMED, result.claimCheck("block-diagonal-weight").verdict());
        assertTrue(result.claimCheck("block-diagonal-weight").figures().get(0).measured()
                <= GroupedClaims.EXACT_TOLERANCE);
        assertNotEquals(Verdict.REFUTED, result.claimCheck("parallel-paths").verdict(),
                "concurrent groups must give the sequential result");
        for (Claim c : result.claims()) {
            assertNotEquals(Verdict.FAILED, c.verdict(), c.id());
            assertTrue(!c.quote().isBlank() && !c.finding().isBlank(), c.id());
        }
        for (String id : List.of("parallel-paths", "block-diagonal-correlation", "structure-learned", "better-model")) {
            assertTrue(ctx.charts().written().contains(result.claimCheck(id).chart()), id + " has its evidence chart");
        }
        assertEquals(Verdict.summarise(result.claims()), result.verdict());
        for (int g : new int[] {2, 4, 8, 16}) {
            double p = result.figure("seed 1, " + g + " groups: relabelling p").measured();
            assertTrue(p > 0 && p <= 1, "p " + p);
        }
        List<String> charts = ctx.charts().written();
        assertEquals(4, charts.stream().filter(c -> c.endsWith(".png")).count(), charts.toString());
        charts.forEach(c -> assertTrue(!result.caption(c).isBlank(), "caption of " + c));
        ChartAssertions.assertPngsDecode(tmp, charts);
    }

    @Test
    void blockScoreIsTheMeanInsideTheBlocksOverTheMeanOutside() {
        double[][] blocky = new double[4][4];
        double[][] flat = new double[4][4];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                blocky[r][c] = r / 2 == c / 2 ? 0.8 : 0.2;
                flat[r][c] = 0.5;
            }
        }
        assertEquals(4.0, BlockCorrelation.blockScore(blocky, 2), 1e-12);
        assertEquals(1.0, BlockCorrelation.blockScore(flat, 2), 1e-12);
    }

    @Test
    void relabellingNullFindsPlantedBlocksAndNotNoise() {
        SplittableRandom rng = new SplittableRandom(5);
        double[][] planted = new double[16][16];
        double[][] noise = new double[16][16];
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 16; c++) {
                planted[r][c] = rng.nextDouble() * 0.2 + (r / 4 == c / 4 ? 0.3 : 0);
                noise[r][c] = rng.nextDouble();
            }
        }
        PermutationTest blocks = BlockCorrelation.relabellingNull(planted, 4, 499, 1);
        PermutationTest none = BlockCorrelation.relabellingNull(noise, 4, 499, 1);
        assertTrue(blocks.p() < 0.01, "planted blocks p " + blocks.p());
        assertTrue(none.p() > 0.01, "noise p " + none.p());
    }

    @Test
    void whitenedCrossCovarianceSeesWhichChannelDrivesWhichDespiteSharedVariance() {
        // a: 4 channels sharing a strong common component; b_j = a_j's private part: after whitening each b_j
        // relates to a_j only, although in raw covariance every b correlates with every a through the common part.
        SplittableRandom rng = new SplittableRandom(3);
        int n = 4000;
        double[][] a = new double[n][4];
        double[][] b = new double[n][4];
        for (int i = 0; i < n; i++) {
            double common = 3 * rng.nextGaussian();
            for (int j = 0; j < 4; j++) {
                double own = rng.nextGaussian();
                a[i][j] = common + own;
                b[i][j] = own + common * 0.5 + 0.1 * rng.nextGaussian();
            }
        }
        INDArray ma = Nd4j.create(a);
        INDArray mb = Nd4j.create(b);
        double[][] m = BlockCorrelation.whitenedCrossCovariance(ma, mb);
        assertTrue(BlockCorrelation.blockScore(m, 4) > 5, "diagonal dominates: " + BlockCorrelation.blockScore(m, 4));
    }
}
