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

class SpatiallySeparableExperimentTest {

    @TempDir
    Path tmp;

    @Test
    void sobelSeparatesCountsAreEightyOneAndSeventyTwoAndRankTwoStallsAtSvdFloor() throws IOException {
        SpatiallySeparableExperiment experiment = new SpatiallySeparableExperiment();
        ExperimentContext ctx = new ExperimentContext(experiment, new RunSettings(tmp, 42, true, false));
        ExperimentResult result = experiment.run(ctx);

        assertEquals(Verdict.CONFIRMED, result.verdict(), result.explanation());
        Map<String, Figure> f = result.figures().stream().collect(Collectors.toMap(Figure::name, x -> x));
        assertTrue(f.get("max |separable - Conv2d(Sobel)|, Fashion-MNIST image").measured() < 1e-12);
        assertEquals(81, f.get("multiplications, standard 3x3 on 5x5 (counted)").measured());
        assertEquals(45, f.get("multiplications, 3x1 step on 5x5 (counted)").measured());
        assertEquals(27, f.get("multiplications, 1x3 step on 3x5 (counted)").measured());
        assertEquals(6, f.get("parameters, separable 3x1 + 1x3").measured());
        assertTrue(f.get("max |counted ratio - article formula|, m=5,7").measured() > 0.1,
                "the article's formula must be off for m = 5, 7");
        assertTrue(f.get("rank-1 target: relative kernel error after training").measured() < 1e-3);
        double learned = f.get("rank-2 target: relative kernel error after training").measured();
        double floor = f.get("rank-2 target: best rank-1 (SVD) relative error").measured();
        assertTrue(floor > 0.1, "floor " + floor);
        assertTrue(learned >= floor * (1 - 1e-9) && learned <= floor * 1.05, learned + " vs floor " + floor);
        assertTrue(result.explanation().contains("only for m = 3"), result.explanation());

        assertEquals(6, ctx.charts().written().size());
        ChartAssertions.assertPngsDecode(tmp, ctx.charts().written());
    }

    @Test
    void exactRatioMatchesArticleOnlyForThreeByThree() {
        for (int n = 5; n <= 64; n++) {
            assertEquals(SpatiallySeparableExperiment.articleRatio(n, 3), SpatiallySeparableExperiment.exactRatio(n, 3),
                    1e-12);
        }
        SpatiallySeparableExperiment.CountRow row = SpatiallySeparableExperiment.count(9, 5, 1);
        assertEquals(25 * 25, row.standard());
        assertEquals(9 * 5 * 5, row.vertical());
        assertEquals(5 * 5 * 5, row.horizontal());
        assertTrue(row.analyticAgrees());
        assertEquals(SpatiallySeparableExperiment.exactRatio(9, 5), row.ratio(), 1e-12);
        assertTrue(Math.abs(row.ratio() - SpatiallySeparableExperiment.articleRatio(9, 5)) > 0.05);
    }

    @Test
    void rank1OfKnownMatrixGivesSingularValuesAndBestApproximation() {
        // K = 3 e1 f1^T + 2 e2 f2^T with orthonormal columns: singular values 3, 2, 0.
        double s = Math.sqrt(0.5);
        double[] e1 = {s, s, 0};
        double[] e2 = {s, -s, 0};
        double[] f1 = {0, 0, 1};
        double[] f2 = {1, 0, 0};
        double[][] k = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                k[i][j] = 3 * e1[i] * f1[j] + 2 * e2[i] * f2[j];
            }
        }
        Rank1 r = Rank1.of(k);
        assertEquals(3, r.singularValues()[0], 1e-12);
        assertEquals(2, r.singularValues()[1], 1e-12);
        assertEquals(0, r.singularValues()[2], 1e-6);
        assertEquals(2, r.floor(), 1e-9);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(3 * e1[i] * f1[j], r.approximation()[i][j], 1e-12);
            }
        }
    }
}
