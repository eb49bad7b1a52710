package org.convlab.experiments.dilated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.convlab.experiments.ExperimentContext;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.Figure;
import org.convlab.experiments.RunSettings;
import org.convlab.experiments.Verdict;
import org.convlab.experiments.ChartAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DilatedExperimentTest {

    @TempDir
    Path tmp;

    @Test
    void stackedRatesOneTwoFourSeeThreeSevenFifteenWithNineWeightsEach() throws IOException {
        DilatedExperiment experiment = new DilatedExperiment();
        ExperimentContext ctx = new ExperimentContext(experiment, new RunSettings(tmp, 42, true, false));
        ExperimentResult result = experiment.run(ctx);

        assertEquals(Verdict.CONFIRMED, result.verdict(), result.explanation());
        Map<String, Figure> figures = result.figures().stream().collect(Collectors.toMap(Figure::name, f -> f));
        assertEquals(0.0, figures.get("max |DilatedConv2d(l=1) - Conv2d|").measured(), 1e-12);
        assertEquals(0.0, figures.get("max |definition loops - DilatedConv2d(l=2)|").measured(), 1e-12);
        assertEquals(3, figures.get("receptive field l=1 (side)").measured());
        assertEquals(7, figures.get("receptive field l=1,2 (side)").measured());
        assertEquals(15, figures.get("receptive field l=1,2,4 (side)").measured());
        assertEquals(7, figures.get("single layer l=3 (span)").measured());
        assertEquals(27, figures.get("parameters, stack l=1,2,4").measured());
        assertTrue(result.explanation().contains("slip"), result.explanation());

        assertFalse(ctx.charts().written().isEmpty());
        ChartAssertions.assertPngsDecode(tmp, ctx.charts().written());
    }

    @Test
    void receptiveFieldOfOneRateTwoLayerIsNineSparseTapsOverFiveByFive() {
        DilatedExperiment.Field f = DilatedExperiment.receptiveField(new int[] {2}, 3);
        assertEquals(9, f.pixels());
        assertEquals(5, f.height());
        assertEquals(5, f.width());
        assertFalse(f.dense());
    }
}
