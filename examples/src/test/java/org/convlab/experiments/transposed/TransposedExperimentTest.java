package org.convlab.experiments.transposed;

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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TransposedExperimentTest {

    @TempDir
    Path tmp;

    private static double figure(ExperimentResult r, String name) {
        return r.figures().stream().filter(f -> f.name().equals(name)).mapToDouble(Figure::measured).findFirst()
                .orElseThrow(() -> new AssertionError("no figure '" + name + "' in " + r.figures()));
    }

    @Test
    void transposeRestoresShapeNotValuesSoTheIdentityErratumIsRefuted() throws Exception {
        TransposedExperiment e = new TransposedExperiment();
        ExperimentContext ctx = new ExperimentContext(e, new RunSettings(tmp, 7, true, false));
        ExperimentResult r = e.run(ctx);

        // The identity step is an erratum: REFUTED in its own row, not deciding the headline.
        assertEquals(Verdict.REFUTED, r.claimCheck("identity").verdict());
        assertTrue(r.claimCheck("identity").erratum());
        assertEquals(Verdict.CONFIRMED, r.claimCheck("direct-convolution").verdict());
        assertEquals(Verdict.CONFIRMED, r.claimCheck("transposed-matrix").verdict());
        assertEquals(Verdict.CONFIRMED, r.claimCheck("not-deconvolution").verdict());
        double gain = figure(r, "PSNR learned - bilinear");
        assertEquals(gain > 0 ? Verdict.CONFIRMED : Verdict.NOT_REPRODUCED, r.claimCheck("learned-upsampling").verdict());
        assertEquals(Verdict.summarise(r.claims()), r.verdict());
        assertTrue(r.explanation().contains("CONFIRMED: the shape arithmetic"), r.explanation());
        assertEquals(4, figure(r, "output size, 2x2 input, 3x3 kernel, stride 1 (ConvTranspose2d)"));
        assertEquals(5, figure(r, "output size, 2x2 input, 3x3 kernel, one zero inserted (stride 2)"));
        assertTrue(figure(r, "max |ConvTranspose2d - Conv2d(flip w) on zero-inserted, padded input|, 5x5 case")
                < 1e-12);
        assertTrue(figure(r,
                "max |ConvTranspose2d - direct conv|, 2->3 channels, stride 2, padding 1, output padding 1") < 1e-12);
        assertTrue(figure(r, "max |C^T vec(small) - ConvTranspose2d(small)|") < 1e-12);
        assertTrue(figure(r, "||C^T C - I||_F (16x16), random 3x3 kernel") > 1);
        assertTrue(figure(r, "||C^T C x - x|| / ||x||, random 3x3 kernel") > 0.1);
        assertEquals(0, figure(r, "||C C^T - I||_F, single-tap kernel (rows orthonormal)"), 1e-12);
        assertEquals(Math.sqrt(12), figure(r, "||C^T C - I||_F, single-tap kernel"), 1e-9);

        double nearest = figure(r, "PSNR nearest");
        double bilinear = figure(r, "PSNR bilinear");
        double learned = figure(r, "PSNR learned (ConvTranspose2d net)");
        assertTrue(nearest > 12 && nearest < bilinear && bilinear < 40, nearest + " " + bilinear);
        // 15 quick steps train the upsampler only roughly; it must still be a sane image estimate.
        assertTrue(learned > 10 && learned < 45, "learned " + learned);

        List<String> pngs = ctx.charts().written().stream().filter(f -> f.endsWith(".png")).toList();
        assertEquals(5, pngs.size(), pngs.toString());
        ChartAssertions.assertPngsDecode(tmp, pngs);
    }

    @Test
    void zeroInsertionPutsInputsStrideApartInsideThePadding() {
        INDArray x = Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {1, 1, 2, 2}, 'c');
        INDArray z = TransposedExperiment.zeroInsertAndPad(x, 2, 1, 2);
        assertEquals(List.of(1L, 1L, 6L, 6L), java.util.Arrays.stream(z.shape()).boxed().toList());
        double[] v = TransposedExperiment.values(z);
        assertEquals(1, v[1 * 6 + 1]);
        assertEquals(2, v[1 * 6 + 3]);
        assertEquals(3, v[3 * 6 + 1]);
        assertEquals(4, v[3 * 6 + 3]);
        assertEquals(10, java.util.Arrays.stream(v).sum());
        assertEquals(0, TransposedExperiment.distanceToIdentity(Nd4j.eye(4).castTo(DataType.DOUBLE)));
        assertTrue(TransposedExperiment.psnr(x.mul(0), x.div(4)) < 20);
    }
}
