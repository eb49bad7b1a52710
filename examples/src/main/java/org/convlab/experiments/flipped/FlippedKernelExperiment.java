package org.convlab.experiments.flipped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.convlab.charts.Bar;
import org.convlab.charts.HeatmapPanel;
import org.convlab.charts.LineSeries;
import org.convlab.charts.ReferenceLine;
import org.convlab.data.synth.RandomImages;
import org.convlab.data.synth.RandomKernels;
import org.convlab.data.synth.RandomSignals;
import org.convlab.experiments.ArticleClaim;
import org.convlab.experiments.ArticleExperiment;
import org.convlab.experiments.Claim;
import org.convlab.experiments.Figure;
import org.convlab.experiments.ExperimentContext;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.Progress;
import org.convlab.experiments.Verdict;
import org.convlab.experiments.support.Stats;
import org.convlab.experiments.support.Fit;
import org.convlab.nn.GradMode;
import org.convlab.nn.conv.Conv1d;
import org.convlab.nn.conv.Conv2d;
import org.convlab.nn.conv.ConvLayer;
import org.convlab.nn.conv.KernelFlip;
import org.convlab.nn.conv.TrueConv1d;
import org.convlab.nn.conv.TrueConv2d;
import org.convlab.nn.loss.MeanSquaredError;
import org.convlab.optim.Adam;
import org.convlab.optim.schedule.CosineAnnealing;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Deep learning's "convolution" is a cross-correlation, and the article says this costs nothing:
 * a layer trained to imitate a true convolution with {@code g} learns {@code flip(g)}.
 *
 * <p>Part 1 (exact, DOUBLE): {@code TrueConv(g)} equals the textbook sum {@code sum_m f[m] g[n-m]}
 * and equals {@code Conv(flip g)}. Part 2 (training, FLOAT): a {@link Conv1d} and a {@link Conv2d}
 * (one channel in and out, with bias) are fitted with MSE and Adam to targets made by a true
 * convolution with an asymmetric kernel, without and with additive target noise; the learned kernel
 * is compared with {@code flip(g)} and with {@code g}.
 */
public final class FlippedKernelExperiment extends ArticleExperiment {

    /** {@code max |TrueConv(g) - Conv(flip g)|} and the textbook check must stay below this (DOUBLE). */
    static final double EXACT_TOLERANCE = 1e-10;
    /** Relative distance of the learned kernel to flip(g) accepted without target noise. */
    static final double CLEAN_TOLERANCE = 0.02;
    /** Relative distance of the learned kernel to flip(g) accepted with target noise. */
    static final double NOISY_TOLERANCE = 0.10;
    /** The learned kernel must be at least this far (relative) from the unflipped g. */
    static final double FAR_FROM_G = 0.25;
    /** Standard deviation of the additive Gaussian target noise (the clean targets have std ~ ||g|| ~ 2-3). */
    static final double NOISE_SIGMA = 0.5;
    /** The true bias added to every target. */
    static final double TRUE_BIAS = 0.3;

    /** Adam's base learning rate, decayed by a cosine to 1% of itself. */
    static final double LEARNING_RATE = 0.2;
    /**
     * Adam's first-moment decay: 0.5 instead of the default 0.9, because the loss is a well-conditioned
     * quadratic (white-noise inputs) on which heavy momentum only oscillates; it converges in ~60 steps.
     */
    static final double BETA1 = 0.5;

    static final int K1 = 7;
    static final int K2 = 5;

    public FlippedKernelExperiment() {
        super(ArticleClaim.FLIPPED_KERNEL);
    }

    /** One training run: which kernel it learned and how close that is to flip(g) and to g. */
    record Fitted(String label, double[] learned, double bias, double toFlip, double toG, double[] losses) {
    }

    @Override
    public ExperimentResult run(ExperimentContext ctx) {
        long seed = ctx.seed();

        // ---- Part 1: exact identities in DOUBLE -------------------------------------------------
        double textbook1d = textbookCheck1d(seed);
        double textbook2d = textbookCheck2d(seed);
        double flipEquality = flipEqualityMaxDiff(seed);
        boolean exact = textbook1d < EXACT_TOLERANCE && textbook2d < EXACT_TOLERANCE && flipEquality < EXACT_TOLERANCE;

        // ---- Part 2: training ---------------------------------------------------------------------
        int steps = ctx.budget(60, 150);
        int samples1d = ctx.budget(4, 16);
        int length = ctx.budget(128, 256);
        int samples2d = ctx.budget(3, 8);
        int size = ctx.budget(24, 28);
        INDArray g1 = RandomKernels.asymmetric(seed + 11, DataType.FLOAT, 1, 1, K1);
        INDArray g2 = RandomKernels.asymmetric(seed + 12, DataType.FLOAT, 1, 1, K2, K2);

        Progress progress = ctx.progress("training", 4L * steps);
        List<Fitted> fits = new ArrayList<>();
        INDArray x1 = RandomSignals.whiteNoise(seed + 21, samples1d, 1, length, DataType.FLOAT);
        INDArray x2 = RandomImages.whiteNoise(seed + 22, samples2d, 1, size, size, DataType.FLOAT);
        for (double sigma : new double[] {0, NOISE_SIGMA}) {
            String noise = sigma == 0 ? "noise-free" : "noise sigma " + sigma;
            INDArray y1 = trueConvTargets(TrueConv1d.builder(1, 1, K1).bias(false).seed(seed).build(), g1, x1);
            addNoise(y1, sigma, RandomSignals.whiteNoise(seed + 31, samples1d, 1, length - K1 + 1, DataType.FLOAT));
            fits.add(fit("1D " + noise, Conv1d.builder(1, 1, K1).seed(seed + 41).build(), x1, y1, g1, steps,
                    progress));
            INDArray y2 = trueConvTargets(TrueConv2d.builder(1, 1, K2).bias(false).seed(seed).build(), g2, x2);
            addNoise(y2, sigma, RandomImages.whiteNoise(seed + 32, samples2d, 1, size - K2 + 1, size - K2 + 1,
                    DataType.FLOAT));
            fits.add(fit("2D " + noise, Conv2d.builder(1, 1, K2).seed(seed + 42).build(), x2, y2, g2, steps,
                    progress));
        }
        progress.close();

        boolean learnedFlip = true;
        for (Fitted f : fits) {
            double tol = f.label().contains("noise-free") ? CLEAN_TOLERANCE : NOISY_TOLERANCE;
            learnedFlip &= f.toFlip() < tol && f.toG() > FAR_FROM_G;
        }

        charts(ctx, g1, g2, fits);

        var result = ctx.result();
        result.figure("max |TrueConv1d(g) - textbook sum f[m]g[n-m]|", textbook1d, 0, "abs diff, DOUBLE");
        result.figure("max |TrueConv2d(g) - textbook sum f[m]g[n-m]|", textbook2d, 0, "abs diff, DOUBLE");
        result.figure("max |TrueConv2d(g) - Conv2d(flip g)|", flipEquality, 0, "abs diff, DOUBLE");
        for (Fitted f : fits) {
            result.figure(f.label() + ": ||learned - flip(g)|| / ||flip(g)||", f.toFlip(),
                    "learned filter looks like flip(g)", "relative");
            result.figure(f.label() + ": ||learned - g|| / ||g||", f.toG(), "(not close)", "relative");
            result.figure(f.label() + ": learned bias", f.bias(), TRUE_BIAS, "true bias");
            result.figure(f.label() + ": final training MSE", f.losses()[f.losses().length - 1],
                    f.label().contains("noise-free") ? "0" : "sigma^2 = " + NOISE_SIGMA * NOISE_SIGMA, "MSE");
        }

        StringBuilder table = new StringBuilder();
        for (Fitted f : fits) {
            table.append(String.format(Locale.ROOT, "%s: %.4f from flip(g), %.3f from g; ", f.label(), f.toFlip(),
                    f.toG()));
        }
        String settings = String.format(Locale.ROOT,
                "Data: white-noise inputs (%d signals of length %d for 1D, %d images of %dx%d for 2D), targets made"
                        + " by a true convolution (TrueConv) with an asymmetric uniform kernel g (1D k=%d, 2D %dx%d,"
                        + " every"
                        + " kernel differs from its flip by at least %.0f%% of its norm) plus bias %.1f, and for the"
                        + " noisy runs Gaussian noise of sigma %.1f (the clean targets have std ~ ||g||). Model: one"
                        + " Conv1d/Conv2d (cross-correlation) with bias, MSE, Adam (lr %.1f, beta1 %.1f) with cosine"
                        + " decay, %d full-batch steps. The article only argues this in words; it gives no numbers.",
                samples1d, length, samples2d, size, size, K1, K2, K2, 100 * RandomKernels.MIN_ASYMMETRY, TRUE_BIAS,
                NOISE_SIGMA, LEARNING_RATE, BETA1, steps);
        String exactText = String.format(Locale.ROOT,
                "Exact part (DOUBLE): TrueConv equals the textbook sum f[m]g[n-m] (max diff 1D %.2e, 2D %.2e) and"
                        + " equals Conv with the flipped kernel (max diff %.2e over a 3->4 channel, stride, padding and"
                        + " dilation case); tolerance %.0e.",
                textbook1d, textbook2d, flipEquality, EXACT_TOLERANCE);
        String thresholds = String.format(Locale.ROOT,
                "Thresholds: learned within %.0f%% of flip(g) noise-free and %.0f%% with noise, and more than %.0f%%"
                        + " away from g.",
                100 * CLEAN_TOLERANCE, 100 * NOISY_TOLERANCE, 100 * FAR_FROM_G);

        Fitted worst = fits.stream().max((a, b) -> Double.compare(a.toFlip(), b.toFlip())).orElseThrow();
        result.check(Claim.of("cross-correlation", "在深度学习中，卷积中的过滤器不经过反转，严格来说，这是 互相关。",
                "Deep learning's convolution does not flip the kernel: it is a cross-correlation, a true"
                        + " convolution with the flipped kernel", exact ? Verdict.CONFIRMED : Verdict.REFUTED,
                exactText)
                .withFigures(Figure.versus("max |TrueConv(g) - Conv(flip g)|", flipEquality, 0.0, "DOUBLE")));
        result.check(Claim.of("learned-flip", "如果上面例子中的反转函数g是正确的函数，那么经过训练后，学习到的过滤器看起来就会像是 反转后的函数g。",
                "Trained on data made by a true convolution with g, a cross-correlation layer learns flip(g), so"
                        + " the missing flip costs nothing", learnedFlip ? Verdict.CONFIRMED : Verdict.REFUTED,
                String.format(Locale.ROOT, "Worst relative distance of a learned kernel to flip(g): %.3g (%s);"
                        + " nearest approach to g itself: %.2f. %s", worst.toFlip(), worst.label(),
                        fits.stream().mapToDouble(Fitted::toG).min().orElseThrow(), thresholds))
                .withFigures(Figure.versus("worst ||learned - flip(g)|| / ||g||", worst.toFlip(), "≈ 0", "")));
        if (exact && learnedFlip) {
            result.headline(String.format(Locale.ROOT,
                    "Cross-correlation layers trained on true-convolution data learn flip(g): worst relative"
                            + " error %.2g (%s), while staying >= %.2f away from g",
                    worst.toFlip(), worst.label(), fits.stream().mapToDouble(Fitted::toG).min().orElseThrow()));
        } else {
            result.headline(exact
                    ? "The learned kernel is not within tolerance of flip(g): worst " + worst.label()
                    + String.format(Locale.ROOT, " at %.3f", worst.toFlip())
                    : "TrueConv(g) does not equal Conv(flip g) / the textbook convolution");
        }
        return result.explanation(exactText + " " + table.toString().strip() + " " + thresholds + " " + settings
                + (exact && learnedFlip ? " So it does not matter that deep learning's convolution skips the flip: the"
                        + " flip is simply absorbed into the learned weights."
                        : " What is true instead: see the figures; the learned kernel did not settle on flip(g)."))
                .build();
    }

    // ---- exact checks ------------------------------------------------------------------------------

    /** max |TrueConv1d(g, padding k-1) - sum_m f[m] g[n-m]| (the full convolution written from its definition). */
    static double textbookCheck1d(long seed) {
        int k = 5;
        int len = 23;
        INDArray f = RandomSignals.whiteNoise(seed + 1, 1, 1, len, DataType.DOUBLE);
        INDArray g = RandomKernels.asymmetric(seed + 2, DataType.DOUBLE, 1, 1, k);
        TrueConv1d conv = TrueConv1d.builder(1, 1, k).padding(k - 1).bias(false).dataType(DataType.DOUBLE)
                .seed(seed).build();
        conv.weight().value().assign(g);
        double[] y = values(forward(conv, f));
        double[] fv = values(f);
        double[] gv = values(g);
        double max = 0;
        for (int n = 0; n < len + k - 1; n++) {
            double s = 0;
            for (int m = 0; m < len; m++) {
                if (n - m >= 0 && n - m < k) {
                    s += fv[m] * gv[n - m];
                }
            }
            max = Math.max(max, Math.abs(s - y[n]));
        }
        return max;
    }

    /** The 2D version: {@code y[i,j] = sum_{m,n} f[m,n] g[i-m, j-n]}, full size. */
    static double textbookCheck2d(long seed) {
        int kh = 3;
        int kw = 4;
        int h = 9;
        int w = 11;
        INDArray f = RandomImages.whiteNoise(seed + 3, 1, 1, h, w, DataType.DOUBLE);
        INDArray g = RandomKernels.asymmetric(seed + 4, DataType.DOUBLE, 1, 1, kh, kw);
        TrueConv2d conv = TrueConv2d.builder(1, 1, kh, kw).padding(kh - 1, kw - 1).bias(false)
                .dataType(DataType.DOUBLE).seed(seed).build();
        conv.weight().value().assign(g);
        double[] y = values(forward(conv, f));
        double[] fv = values(f);
        double[] gv = values(g);
        int oh = h + kh - 1;
        int ow = w + kw - 1;
        double max = 0;
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                double s = 0;
                for (int m = 0; m < h; m++) {
                    for (int n = 0; n < w; n++) {
                        int a = i - m;
                        int b = j - n;
                        if (a >= 0 && a < kh && b >= 0 && b < kw) {
                            s += fv[m * w + n] * gv[a * kw + b];
                        }
                    }
                }
                max = Math.max(max, Math.abs(s - y[i * ow + j]));
            }
        }
        return max;
    }

    /** max |TrueConv2d(g) - Conv2d(flip g)| over a 1->1 default case and a 3->4 strided, padded, dilated case. */
    static double flipEqualityMaxDiff(long seed) {
        double max = 0;
        // Case 1: the article's setting, one channel, 3x3.
        {
            INDArray g = RandomKernels.asymmetric(seed + 5, DataType.DOUBLE, 1, 1, 3, 3);
            INDArray x = RandomImages.whiteNoise(seed + 6, 2, 1, 12, 12, DataType.DOUBLE);
            TrueConv2d t = TrueConv2d.builder(1, 1, 3).bias(false).dataType(DataType.DOUBLE).seed(seed).build();
            Conv2d c = Conv2d.builder(1, 1, 3).bias(false).dataType(DataType.DOUBLE).seed(seed).build();
            t.weight().value().assign(g);
            c.weight().value().assign(KernelFlip.flip(g));
            max = Math.max(max, maxAbsDiff(forward(t, x), forward(c, x)));
        }
        // Case 2: several channels, rectangular kernel, stride, padding, dilation and a bias.
        {
            INDArray g = RandomKernels.asymmetric(seed + 7, DataType.DOUBLE, 4, 3, 3, 5);
            INDArray x = RandomImages.whiteNoise(seed + 8, 2, 3, 17, 19, DataType.DOUBLE);
            TrueConv2d t = TrueConv2d.builder(3, 4, 3, 5).stride(2).padding(1, 2).dilation(1, 2)
                    .dataType(DataType.DOUBLE).seed(seed).build();
            Conv2d c = Conv2d.builder(3, 4, 3, 5).stride(2).padding(1, 2).dilation(1, 2)
                    .dataType(DataType.DOUBLE).seed(seed).build();
            t.weight().value().assign(g);
            c.weight().value().assign(KernelFlip.flip(g));
            c.bias().value().assign(t.bias().value());
            max = Math.max(max, maxAbsDiff(forward(t, x), forward(c, x)));
        }
        return max;
    }

    // ---- training ----------------------------------------------------------------------------------

    static INDArray trueConvTargets(ConvLayer trueConv, INDArray g, INDArray x) {
        trueConv.weight().value().assign(g);
        return forward(trueConv, x).addi(TRUE_BIAS);
    }

    static void addNoise(INDArray y, double sigma, INDArray unitNoise) {
        if (sigma > 0) {
            y.addi(unitNoise.muli(sigma));
        }
    }

    static Fitted fit(String label, ConvLayer model, INDArray x, INDArray y, INDArray g, int steps,
            Progress progress) {
        double lr = LEARNING_RATE;
        Adam adam = Adam.builder(model.parameters()).learningRate(lr).betas(BETA1, 0.999).build();
        CosineAnnealing schedule = new CosineAnnealing(steps, lr * 0.01);
        double[] losses = Fit.steps(model, adam, new MeanSquaredError(), steps, s -> {
            adam.setLearningRate(schedule.learningRate(lr, s));
            return new Fit.Batch(x, y);
        }, progress);
        double[] learned = values(model.weight().value());
        double[] gv = values(g);
        double[] flipped = values(KernelFlip.flip(g));
        return new Fitted(label, learned, model.bias().value().getDouble(0), relativeDistance(learned, flipped),
                relativeDistance(learned, gv), losses);
    }

    // ---- charts ------------------------------------------------------------------------------------

    private static void charts(ExperimentContext ctx, INDArray g1, INDArray g2, List<Fitted> fits) {
        double[] g1v = values(g1);
        double[] f1v = values(KernelFlip.flip(g1));
        List<Bar> bars = new ArrayList<>();
        for (int t = 0; t < g1v.length; t++) {
            String cat = "tap " + t;
            bars.add(new Bar("g", cat, g1v[t]));
            bars.add(new Bar("flip(g)", cat, f1v[t]));
            for (Fitted f : fits) {
                if (f.label().startsWith("1D")) {
                    bars.add(new Bar("learned (" + f.label().substring(3) + ")", cat, f.learned()[t]));
                }
            }
        }
        List<String> kernels1d = ctx.charts().bars("kernels-1d",
                "1D: the Conv1d trained on TrueConv1d(g) data learns flip(g)", "kernel tap", "weight", bars);
        ctx.result().caption(kernels1d.get(0), "The 7 taps of the kernel g that made the data, of flip(g), and of"
                + " the Conv1d kernels learned from that data, without and with target noise. Read tap by tap:"
                + " the learned bars match flip(g), not g.");

        List<HeatmapPanel> panels = new ArrayList<>();
        panels.add(new HeatmapPanel("g (used by the true convolution)", grid(values(g2), K2)));
        panels.add(new HeatmapPanel("flip(g)", grid(values(KernelFlip.flip(g2)), K2)));
        for (Fitted f : fits) {
            if (f.label().startsWith("2D")) {
                panels.add(new HeatmapPanel("learned, " + f.label().substring(3), grid(f.learned(), K2)));
            }
        }
        List<String> kernels2d = ctx.charts().heatmaps("kernels-2d",
                "2D: the Conv2d trained on TrueConv2d(g) data learns flip(g)", "column", "row", panels, "weight");
        ctx.result().caption(kernels2d.get(0), "The 5x5 kernel g, flip(g) (g turned by 180 degrees) and the two"
                + " learned Conv2d kernels, on one colour scale (red positive, blue negative). The learned"
                + " kernels repeat the pattern of flip(g), not of g.");

        List<LineSeries> series = new ArrayList<>();
        for (Fitted f : fits) {
            series.add(LineSeries.ofSteps(f.label(), f.losses()));
        }
        double noiseFloor = NOISE_SIGMA * NOISE_SIGMA;
        List<String> loss = ctx.charts().line("loss", "Training loss (MSE) of the cross-correlation layers", "step",
                "MSE (log scale)", series, true, List.of(new ReferenceLine(String.format(Locale.ROOT,
                        "noise floor sigma^2 = %.2f", noiseFloor), noiseFloor)));
        ctx.result().caption(loss.get(0), "Training loss per step of the four layers (log scale). Noise-free,"
                + " the loss falls by ten decades and more, out of the bottom of the axis; with noise of sigma "
                + NOISE_SIGMA + " the 1D and 2D curves both level off on the dashed line sigma^2, the loss of the"
                + " exact kernel on noisy targets (the two curves overlap there: their markers tell them apart).");
    }

    private static double[][] grid(double[] v, int k) {
        double[][] out = new double[k][k];
        for (int r = 0; r < k; r++) {
            System.arraycopy(v, r * k, out[r], 0, k);
        }
        return out;
    }

    // ---- small helpers -----------------------------------------------------------------------------

    private static INDArray forward(ConvLayer layer, INDArray x) {
        try (GradMode.Scope ignored = GradMode.disabled()) {
            return layer.forward(x);
        }
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        // Arrays of different shapes are as different as can be: every tolerance check then fails.
        return java.util.Arrays.equals(a.shape(), b.shape()) ? Stats.maxAbsDifference(a, b) : Double.POSITIVE_INFINITY;
    }

    static double relativeDistance(double[] a, double[] ref) {
        double d = 0;
        double n = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - ref[i]) * (a[i] - ref[i]);
            n += ref[i] * ref[i];
        }
        return Math.sqrt(d / n);
    }

    /** The elements of {@code a} in row-major order (a copy; safe for views). */
    static double[] values(INDArray a) {
        return a.dup('c').data().asDouble();
    }
}
