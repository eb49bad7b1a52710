package org.convlab.experiments.grouped;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class GroupedExperimentTest {

    @TempDir
    Path tmp;

    @Test
    void quickRunHalvesParametersMatchesBlockDiagonalConvAndMeasuresCorrelationBlocks() throws Exception {
        GroupedExperiment experiment = new GroupedExperiment();
        ExperimentContext ctx = new ExperimentContext(experiment, new RunSettings(tmp, 7, true, false));
        ExperimentResult result = experiment.run(ctx);

        // Quick mode trains 320 images for one epoch: the blocks stay weak for 2 groups.
        assertEquals(Verdict.NOT_REPRODUCED, result.verdict(), result.explanation());
        assertEquals(147456, figure(result, "parameters, standard"));
        assertEquals(73728, figure(result, "parameters, 2 groups"));
        assertEquals(0.5, figure(result, "parameter ratio, 2 groups"), 0);
        assertEquals(0.125, figure(result, "parameter ratio, 8 groups"), 0);
        assertTrue(figure(result, "block-diagonal weight") <= GroupedExperiment.EXACT_TOLERANCE);
        assertEquals(0, figure(result, "max |parallel - sequential|"), "parallel groups must give identical results");
        for (int g : new int[] {2, 4, 8}) {
            double s = figure(result, "speed-up parallel/sequential, " + g + " groups, BLAS 1 thread");
            assertTrue(s > 0.05 && s < 20, "speed-up " + s);
        }
        double[] scores = new double[4];
        int i = 0;
        for (int g : new int[] {2, 4, 8, 16}) {
            scores[i] = figure(result, "block-diagonality (|corr| in blocks / outside), " + g + " groups");
            assertTrue(scores[i] > 0.5 && scores[i] < 50, "score " + scores[i]);
            double acc = figure(result, "test accuracy, " + g + " groups");
            assertTrue(acc >= 0 && acc <= 1);
            i++;
        }
        assertTrue(scores[3] > scores[0], "16 groups must be more block-diagonal than 2");
        assertTrue(figure(result, "parameters of the network, 16 groups") < figure(result, "parameters of the network, 1 groups"));

        List<String> charts = ctx.charts().written();
        assertEquals(2, charts.stream().filter(c -> c.endsWith(".png")).count(), charts.toString());
        ChartAssertions.assertPngsDecode(tmp, charts);
    }

    @Test
    void blockScoreSeparatesBlockDiagonalFromUniform() {
        double[][] blocky = new double[4][4];
        double[][] flat = new double[4][4];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                blocky[r][c] = r / 2 == c / 2 ? 0.8 : 0.2;
                flat[r][c] = 0.5;
            }
        }
        assertEquals(4.0, GroupedExperiment.blockScore(blocky, 2), 1e-12);
        assertEquals(1.0, GroupedExperiment.blockScore(flat, 2), 1e-12);
        assertEquals(1.0, GroupedExperiment.spearman(new double[] {1, 2, 3}, new double[] {0.1, 0.5, 0.9}), 1e-12);
    }


    static double figure(ExperimentResult result, String name) {
        return result.figures().stream().filter(f -> f.name().startsWith(name) || f.name().contains(name))
                .findFirst().map(Figure::measured)
                .orElseThrow(() -> new AssertionError("no figure '" + name + "' in " + result.figures()));
    }
}
