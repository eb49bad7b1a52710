package org.convlab.experiments.arithmetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.convlab.experiments.ExperimentContext;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.Figure;
import org.convlab.experiments.RunSettings;
import org.convlab.experiments.Verdict;
import org.convlab.nn.conv.Conv2d;
import org.convlab.experiments.ChartAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArithmeticExperimentTest {

    @TempDir
    Path tmp;

    private static double figure(ExperimentResult r, String name) {
        return r.figures().stream().filter(f -> f.name().equals(name)).mapToDouble(Figure::measured).findFirst()
                .orElseThrow(() -> new AssertionError("no figure '" + name + "' in " + r.figures()));
    }

    @Test
    void everyLayerTypeFollowsTheOutputSizeFormulas() throws Exception {
        ArithmeticExperiment e = new ArithmeticExperiment();
        ExperimentContext ctx = new ExperimentContext(e, new RunSettings(tmp, 7, true, false));
        ExperimentResult r = e.run(ctx);

        assertEquals(Verdict.CONFIRMED, r.verdict(), r.explanation());
        assertEquals(0, figure(r, "mismatches"));
        assertEquals(15 + 3, figure(r, "layer types checked")); // 15 classes + 3 "same" padding variants
        assertTrue(figure(r, "valid settings whose outputShape() and forward shape equal the formula") > 1000);
        assertTrue(figure(r, "settings with an empty output, rejected with IllegalArgumentException") > 50);
        assertEquals(25, figure(r, "Conv2d 3->1, 3x3x3 filter on 7x7x3: output H x W x C"));
        assertEquals(5 * 5 * 128, figure(r, "DepthwiseSeparableConv2d 3->128 on 7x7x3: output H x W x C"));
        assertTrue(figure(r, "max |PointwiseConv2d(x) - (W x + b) per pixel|") < 1e-12);

        List<String> pngs = ctx.charts().written().stream().filter(f -> f.endsWith(".png")).toList();
        assertEquals(2, pngs.size(), pngs.toString());
        ChartAssertions.assertPngsDecode(tmp, pngs);
    }

    @Test
    void formulasAndTheCheckCanDisagree() {
        int[] one = {1};
        assertArrayEquals(new long[] {3}, ArithmeticExperiment.convSizes(new long[] {5}, new int[] {3}, new int[] {2},
                one, one));
        assertNull(ArithmeticExperiment.convSizes(new long[] {4}, new int[] {3}, one, new int[] {0}, new int[] {2}));
        assertArrayEquals(new long[] {4}, ArithmeticExperiment.transposedSizes(new long[] {2}, new int[] {3}, one,
                new int[] {0}, one, new int[] {0}));
        assertArrayEquals(new long[] {5}, ArithmeticExperiment.transposedSizes(new long[] {2}, new int[] {3},
                new int[] {2}, new int[] {0}, one, new int[] {0}));
        assertNull(ArithmeticExperiment.transposedSizes(new long[] {2}, new int[] {3}, one, new int[] {0}, one,
                new int[] {1}));
        // A case with a wrong expectation must be reported as a mismatch.
        var wrong = new ArithmeticExperiment.Case("Conv2d", "k 3", () -> Conv2d.builder(1, 1, 3).seed(1).build(),
                new long[] {1, 1, 7, 7}, new long[] {1, 1, 6, 6});
        assertFalse(ArithmeticExperiment.check(wrong).ok());
        var right = new ArithmeticExperiment.Case("Conv2d", "k 3", () -> Conv2d.builder(1, 1, 3).seed(1).build(),
                new long[] {1, 1, 7, 7}, new long[] {1, 1, 5, 5});
        assertTrue(ArithmeticExperiment.check(right).ok());
        var empty = new ArithmeticExperiment.Case("Conv2d", "k 3", () -> Conv2d.builder(1, 1, 3).seed(1).build(),
                new long[] {1, 1, 2, 2}, null);
        assertTrue(ArithmeticExperiment.check(empty).ok(), "a 3x3 kernel on 2x2 must be rejected");
        assertArrayEquals(new int[] {2, 3, 1}, ArithmeticExperiment.perAxis(new int[] {1, 2, 3}, 2, 3));
    }
}
