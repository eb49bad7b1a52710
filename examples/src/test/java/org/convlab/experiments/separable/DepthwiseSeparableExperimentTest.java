package org.convlab.experiments.separable;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class DepthwiseSeparableExperimentTest {

    @TempDir
    Path tmp;

    @Test
    void articleExampleCountsAndFewerParametersOnFashionMnist() throws IOException {
        DepthwiseSeparableExperiment experiment = new DepthwiseSeparableExperiment();
        ExperimentContext ctx = new ExperimentContext(experiment, new RunSettings(tmp, 42, true, false));
        ExperimentResult result = experiment.run(ctx);

        assertEquals(Verdict.CONFIRMED, result.verdict(), result.explanation());
        Map<String, Figure> f = result.figures().stream().collect(Collectors.toMap(Figure::name, x -> x));
        assertEquals(86400, f.get("multiplications, standard 3x3x3 x128 on 7x7x3 (counted)").measured());
        assertEquals(675, f.get("multiplications, depthwise step (counted)").measured());
        assertEquals(9600, f.get("multiplications, pointwise step (counted)").measured());
        assertEquals(11.89, f.get("separable / standard multiplications").measured(), 0.01);
        assertTrue(f.get("max |counted ratio - (1/Nc + 1/h^2)|").measured() < 1e-12);
        assertTrue(f.get("Fashion-MNIST parameters, separable net").measured()
                < f.get("Fashion-MNIST parameters, standard net").measured());
        assertTrue(f.get("Fashion-MNIST multiplications per image, separable net").measured()
                < f.get("Fashion-MNIST multiplications per image, standard net").measured());
        double acc = f.get("Fashion-MNIST test accuracy, separable net").measured();
        assertTrue(acc >= DepthwiseSeparableExperiment.MIN_ACCURACY && acc <= 1, "accuracy " + acc);
        assertTrue(f.get("median time, Conv2d 64->128 3x3").measured() > 0);

        assertEquals(6, ctx.charts().written().size());
        ChartAssertions.assertPngsDecode(tmp, ctx.charts().written());
    }

    @Test
    void countedRatioIsOneOverNcPlusOneOverHSquared() {
        DepthwiseSeparableExperiment.Counts c = DepthwiseSeparableExperiment.count(4, 24, 5, 8, 3);
        assertEquals(24L * 4 * 25 * 16, c.standard());
        assertEquals(4L * 25 * 16, c.depthwise());
        assertEquals(24L * 4 * 16, c.pointwise());
        assertTrue(c.analyticAgrees());
        assertEquals(1.0 / 24 + 1.0 / 25, c.ratio(), 1e-12);
        assertTrue(c.outputDiff() < 1e-9);
    }
}
