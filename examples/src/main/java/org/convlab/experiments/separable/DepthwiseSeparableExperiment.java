package org.convlab.experiments.separable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.convlab.charts.Bar;
import org.convlab.charts.LineSeries;
import org.convlab.charts.ReferenceLine;
import org.convlab.data.Batch;
import org.convlab.data.BatchIterator;
import org.convlab.data.ChannelNormalizer;
import org.convlab.data.DataSet;
import org.convlab.data.fashion.FashionMnist;
import org.convlab.data.synth.RandomImages;
import org.convlab.experiments.ArticleClaim;
import org.convlab.experiments.ArticleExperiment;
import org.convlab.experiments.Claim;
import org.convlab.experiments.Figure;
import org.convlab.experiments.ExperimentContext;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.Progress;
import org.convlab.experiments.ResultBuilder;
import org.convlab.experiments.Verdict;
import org.convlab.experiments.support.Stats;
import org.convlab.experiments.support.Fit;
import org.convlab.nn.Layer;
import org.convlab.nn.Sequential;
import org.convlab.nn.conv.Conv2d;
import org.convlab.nn.conv.DepthwiseConv2d;
import org.convlab.nn.conv.DepthwiseSeparableConv2d;
import org.convlab.nn.conv.PointwiseConv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.loss.SoftmaxCrossEntropy;
import org.convlab.optim.Adam;
import org.convlab.reference.ReferenceConv;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Depthwise separable convolution: the article's 7x7x3 -> 5x5x128 example (86400 against
 * 675 + 9600 = 10275 multiplications) counted by {@link ReferenceConv}; the ratio {@code 1/Nc + 1/h^2}
 * over output channels; the wall time of both layers on a larger input; and the capacity trade-off on
 * Fashion-MNIST: the same small net with standard and with depthwise separable convolutions.
 */
public final class DepthwiseSeparableExperiment extends ArticleExperiment {

    /** The article's example: a 7x7x3 input, 128 filters of 3x3x3, no padding. */
    static final int IN = 3;
    static final int OUT = 128;
    static final int K = 3;
    static final int SIDE = 7;
    static final long ARTICLE_STANDARD = 86400;
    static final long ARTICLE_DEPTHWISE = 675;
    static final long ARTICLE_POINTWISE = 9600;
    /** "About 12%": the counted share must round to it within half a percentage point. */
    static final double ARTICLE_SHARE = 0.12;
    static final double SHARE_TOLERANCE = 0.005;
    static final int[] FILTER_SIZES = {3, 5};
    static final int[] OUTPUT_CHANNELS = {16, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024};
    static final double EXACT_TOLERANCE = 1e-12;
    /** Both Fashion-MNIST nets must have learned (10 classes: chance is 0.1) for their comparison to mean anything. */
    static final double MIN_ACCURACY = 0.3;
    /** ND4J native threads while this experiment runs (see {@link NativeThreads}). */
    static final int NATIVE_THREADS = 1;
    /** Fashion-MNIST images are averaged over 2x2 blocks to 14x14, to fit the training budget. */
    static final int FASHION_SIDE = 14;
    static final int BATCH = 32;
    static final double LEARNING_RATE = 0.01;
    /** An accuracy drop up to this many points counts as "small" in the explanation. */
    static final double SMALL_DROP = 0.02;

    public DepthwiseSeparableExperiment() {
        super(ArticleClaim.DEPTHWISE_SEPARABLE);
    }

    record Counts(long standard, long depthwise, long pointwise, boolean analyticAgrees, double outputDiff) {
        double ratio() {
            return (double) (depthwise + pointwise) / standard;
        }
    }

    record Timing(double standardMs, double separableMs, double depthwiseMs, double pointwiseMs, long standardMults,
            long depthwiseMults, long pointwiseMults) {
        double ratio() {
            return separableMs / standardMs;
        }

        double multiplicationRatio() {
            return (double) (depthwiseMults + pointwiseMults) / standardMults;
        }
    }

    record NetResult(String label, long parameters, long multiplications, double accuracy, double[] losses) {
    }

    @Override
    public ExperimentResult run(ExperimentContext ctx) {
        return NativeThreads.limited(NATIVE_THREADS, () -> measure(ctx));
    }

    private ExperimentResult measure(ExperimentContext ctx) {
        long seed = ctx.seed();
        long start = System.nanoTime();
        Counts example = count(IN, OUT, K, SIDE, seed);

        List<double[]> ratios = new ArrayList<>(); // {h, Nc, counted, formula}
        int stride = ctx.budget(2, 1);
        double formulaDiff = 0;
        boolean analyticOk = example.analyticAgrees();
        for (int h : FILTER_SIZES) {
            for (int i = 0; i < OUTPUT_CHANNELS.length; i++) {
                if (i % stride != 0 && i != OUTPUT_CHANNELS.length - 1) {
                    continue;
                }
                int nc = OUTPUT_CHANNELS[i];
                Counts c = count(IN, nc, h, h + 4, seed + nc);
                double formula = 1.0 / nc + 1.0 / (h * h);
                formulaDiff = Math.max(formulaDiff, Math.abs(c.ratio() - formula));
                analyticOk &= c.analyticAgrees();
                ratios.add(new double[] {h, nc, c.ratio(), formula});
            }
        }

        ctx.log().debug("counts done after {} ms", (System.nanoTime() - start) / 1_000_000);
        Timing timing = time(ctx.budget(2, 8), ctx.budget(3, 5), seed);

        ctx.log().debug("timing done after {} ms: {}", (System.nanoTime() - start) / 1_000_000, timing);
        FashionMnist fm = FashionMnist.load();
        DataSet train = fm.train();
        DataSet test = fm.test().head(ctx.budget(1000, 2000));
        int trainSize = ctx.budget(1000, 6000);
        int epochs = 1;
        train = train.head(trainSize);
        train = train.withFeatures(halve(train.features()));
        test = test.withFeatures(halve(test.features()));
        ChannelNormalizer norm = ChannelNormalizer.fit(train);
        train = norm.apply(train);
        test = norm.apply(test);
        BatchIterator batches = BatchIterator.builder(train, BATCH).shuffle(true).dropLast(true).seed(seed).build();
        int steps = epochs * batches.batchesPerEpoch();
        Progress progress = ctx.progress("fashion", 2L * steps);
        NetResult standardNet = train("standard convs", false, batches, epochs, test, seed, progress);
        ctx.log().debug("standard net done after {} ms", (System.nanoTime() - start) / 1_000_000);
        NetResult separableNet = train("depthwise separable convs", true, batches, epochs, test, seed, progress);
        progress.close();
        ctx.log().debug("separable net done after {} ms", (System.nanoTime() - start) / 1_000_000);

        drawCharts(ctx, ratios, timing, standardNet, separableNet);

        // Checks.
        boolean exampleOk = example.standard() == ARTICLE_STANDARD && example.depthwise() == ARTICLE_DEPTHWISE
                && example.pointwise() == ARTICLE_POINTWISE && example.outputDiff() <= 1e-9;
        boolean shareOk = Math.abs(example.ratio() - ARTICLE_SHARE) <= SHARE_TOLERANCE;
        boolean formulaOk = formulaDiff <= EXACT_TOLERANCE && analyticOk;
        boolean reductionOk = separableNet.parameters() < standardNet.parameters()
                && separableNet.multiplications() < standardNet.multiplications();
        boolean learned = standardNet.accuracy() >= MIN_ACCURACY && separableNet.accuracy() >= MIN_ACCURACY;
        double drop = standardNet.accuracy() - separableNet.accuracy();

        ResultBuilder result = ctx.result();
        // ConvLab's drawing of the article's figure, shown beside the measurement (convlab draw).
        org.convlab.draw.ArticleDrawings.depthwiseSeparable(ctx.chartDir()).addTo(result::chart, result::caption);
        result.figure("multiplications, standard 3x3x3 x128 on 7x7x3 (counted)", example.standard(), ARTICLE_STANDARD,
                "");
        result.figure("multiplications, depthwise step (counted)", example.depthwise(), ARTICLE_DEPTHWISE, "");
        result.figure("multiplications, pointwise step (counted)", example.pointwise(), ARTICLE_POINTWISE, "");
        result.figure("multiplications, depthwise separable total", example.depthwise() + example.pointwise(),
                ARTICLE_DEPTHWISE + ARTICLE_POINTWISE, "");
        result.figure("separable / standard multiplications", 100 * example.ratio(), "about 12", "%");
        result.figure("max |counted ratio - (1/Nc + 1/h^2)|", formulaDiff, 0.0, "h = 3, 5; Nc = 16..1024");
        for (int h : FILTER_SIZES) {
            double[] last = ratios.stream().filter(r -> r[0] == h && r[1] == 1024).findFirst().orElseThrow();
            result.figure("standard / separable multiplications, h=" + h + ", Nc=1024", 1 / last[2], (double) h * h,
                    "x fewer (article: h^2 for large Nc)");
        }
        result.figure("time ratio separable/standard (median, fwd+bwd)", timing.ratio(), "",
                String.format("vs multiplication ratio %.3f", timing.multiplicationRatio()));
        result.figure("median time, Conv2d 64->128 3x3", timing.standardMs(), "", "ms, fwd+bwd, FLOAT");
        result.figure("median time, DepthwiseSeparableConv2d 64->128 3x3", timing.separableMs(), "",
                "ms, fwd+bwd, FLOAT");
        result.figure("Fashion-MNIST parameters, standard net", standardNet.parameters(), "", "");
        result.figure("Fashion-MNIST parameters, separable net", separableNet.parameters(), "fewer", "");
        result.figure("Fashion-MNIST multiplications per image, standard net", standardNet.multiplications(), "", "");
        result.figure("Fashion-MNIST multiplications per image, separable net", separableNet.multiplications(), "fewer",
                "");
        result.figure("Fashion-MNIST test accuracy, standard net", standardNet.accuracy(), "", "");
        result.figure("Fashion-MNIST test accuracy, separable net", separableNet.accuracy(), "may be lower",
                "small models may lose capacity");

        Verdict verdict;
        if (!learned) {
            throw new IllegalStateException(String.format("a Fashion-MNIST net did not learn (accuracy standard %.3f,"
                    + " separable %.3f, threshold %.2f): the capacity comparison cannot be made",
                    standardNet.accuracy(), separableNet.accuracy(), MIN_ACCURACY));
        }
        verdict = exampleOk && shareOk && formulaOk && reductionOk ? Verdict.CONFIRMED : Verdict.REFUTED;
        result.check(Claim.of("10275-multiplications", "因此，深度可分卷积共有 675 + 9600 = 10275 次乘法。这样的成本大概仅有 2D 卷积的 12%！",
                "Depthwise then 1x1 turns 7x7x3 into 5x5x128 with 675 + 9600 = 10275 multiplications, about 12% of"
                        + " the standard 86400", exampleOk && shareOk ? Verdict.CONFIRMED : Verdict.REFUTED,
                String.format(Locale.ROOT, "Counted %d + %d = %d against %d: %.1f%%.", example.depthwise(),
                        example.pointwise(), example.depthwise() + example.pointwise(), example.standard(),
                        100 * example.ratio()))
                .withFigures(Figure.versus("separable / standard multiplications", 100 * example.ratio(), "about 12",
                        "%")));
        result.check(Claim.of("ratio-formula", "\\frac{1}{N_c} + \\frac{1}{h^2}", "The cost ratio of depthwise"
                        + " separable to standard is 1/Nc + 1/h^2 (tending to 1/h^2 for many output channels)",
                formulaOk ? Verdict.CONFIRMED : Verdict.REFUTED, String.format(Locale.ROOT, "Counted for h = 3, 5 and"
                        + " Nc = 16..1024: equal to 1/Nc + 1/h^2 to %.1e.", formulaDiff))
                .withFigures(Figure.versus("max |counted ratio - (1/Nc + 1/h^2)|", formulaDiff, 0.0, "")));
        result.check(Claim.of("capacity", "深度可分卷积会降低卷积中参数的数量。因此，对于较小的模型而言，如果用深度可分卷积替代 2D 卷积，"
                        + "模型的能力可能会显著下降。……但是，如果使用得当，深度可分卷积能在不降低你的模型性能的前提下帮助你实现效率提升。",
                "Depthwise separable convolution cuts parameters, which may lower a small model's accuracy; used well"
                        + " it keeps accuracy", reductionOk ? Verdict.CONFIRMED : Verdict.REFUTED,
                String.format(Locale.ROOT, "On Fashion-MNIST the separable net has %d parameters against %d and %d"
                        + " multiplications per image against %d; test accuracy %.3f against %.3f (%s %.1f points,"
                        + " threshold for a small drop %.0f): %s", separableNet.parameters(),
                        standardNet.parameters(), separableNet.multiplications(), standardNet.multiplications(),
                        separableNet.accuracy(), standardNet.accuracy(), drop >= 0 ? "down" : "up",
                        100 * Math.abs(drop), 100 * SMALL_DROP, drop <= SMALL_DROP
                                ? "here it kept the accuracy (the article's \"used well\")."
                                : "here it lost capacity (the article's \"small models\")."))
                .withFigures(Figure.versus("Fashion-MNIST parameters, separable / standard",
                                (double) separableNet.parameters() / standardNet.parameters(), "< 1", ""),
                        Figure.versus("test accuracy drop, standard - separable", drop, "may be noticeable", "")));
        double paramShare = (double) separableNet.parameters() / standardNet.parameters();
        double multShare = (double) separableNet.multiplications() / standardNet.multiplications();
        if (verdict == Verdict.CONFIRMED) {
            result.headline(String.format("Counted 86400 vs 675 + 9600 = 10275 (%.1f%%), ratio = 1/Nc + 1/h^2 exactly;"
                    + " Fashion-MNIST: %.0f%% of the parameters, %.0f%% of the multiplications, accuracy %.3f vs %.3f;"
                    + " wall time %.2f of standard", 100 * example.ratio(), 100 * paramShare, 100 * multShare,
                    separableNet.accuracy(), standardNet.accuracy(), timing.ratio()));
        } else {
            result.headline(String.format("Counted %d vs %d + %d; formula difference %.2e; reduction %s",
                    example.standard(), example.depthwise(), example.pointwise(), formulaDiff, reductionOk));
        }
        String accuracyText = drop <= SMALL_DROP
                ? String.format("The accuracy drop is small (%.1f points, threshold %.0f): with this budget the separable"
                        + " net keeps nearly all the accuracy at a fraction of the cost, consistent with the article's"
                        + " \"used well, it keeps accuracy\".", 100 * drop, 100 * SMALL_DROP)
                : String.format("The separable net loses %.1f points of accuracy (more than %.0f): the capacity cost the"
                        + " article warns of for small models.", 100 * drop, 100 * SMALL_DROP);
        String timeText = timing.ratio() > timing.multiplicationRatio()
                ? String.format((timing.ratio() >= 1 ? "Wall time does not fall at all here: the separable layer is"
                        + " slower than the standard one and takes" : "Wall time falls much less than multiplications:"
                        + " the separable layer takes") + " %.2f of the"
                        + " standard layer's time for %.3f of its multiplications; its depthwise step alone takes %.1f ms"
                        + " (%.0f%% of the separable time) for %.0f%% of its multiplications, since a per-channel 3x3"
                        + " convolution does little arithmetic per byte moved (memory-bound, one small matrix product"
                        + " per channel) while the standard layer is one large, efficient matrix product.",
                        timing.ratio(), timing.multiplicationRatio(), timing.depthwiseMs(),
                        100 * timing.depthwiseMs() / (timing.depthwiseMs() + timing.pointwiseMs()),
                        100.0 * timing.depthwiseMults() / (timing.depthwiseMults() + timing.pointwiseMults()))
                : String.format("Wall time falls at least as much as multiplications here (%.2f vs %.3f).",
                        timing.ratio(), timing.multiplicationRatio());
        result.explanation(String.format(
                "Counts: ReferenceConv counts %d multiplications for 128 filters of 3x3x3 on a 7x7x3 input and"
                        + " %d + %d = %d for the depthwise (3 filters of 3x3x1) and pointwise (128 of 1x1x3) steps,"
                        + " the article's 86400 and 675 + 9600 = 10275, i.e. %.1f%% (\"about 12%%\"); Conv2d's"
                        + " multiplications() and DepthwiseSeparableConv2d's stepMultiplications() give the same"
                        + " numbers, and the layer's output equals the reference to %.1e.%n"
                        + "Ratio: counted for h = 3, 5 and Nc = 16..1024 (3 input channels, 5x5 outputs), the ratio"
                        + " equals 1/Nc + 1/h^2 to %.1e; for Nc = 1024 the standard layer needs %.1fx (h=3) and"
                        + " %.1fx (h=5) the multiplications, approaching the article's 9x and 25x.%n"
                        + "Time: forward+backward on [%d, 64, 32, 32] FLOAT, 64->128 channels, 3x3, padding 1, one native"
                        + " thread, median of %d interleaved runs: Conv2d %.1f ms, DepthwiseSeparableConv2d %.1f ms (depthwise step %.1f ms,"
                        + " pointwise %.1f ms). %s Timings come from a shared 2-core machine and vary run to run.%n"
                        + "Capacity: on Fashion-MNIST averaged to 14x14 (%d training images, %d epoch, Adam %s, batch %d;"
                        + " %d test images) the same net (conv 1->16, max-pool 2, conv 16->32, conv 32->64, max-pool 2,"
                        + " linear; ReLUs;"
                        + " the first conv stays standard in both) with its two inner convolutions depthwise separable"
                        + " has %d parameters instead of %d (%.0f%%) and %d multiplications per image instead of %d"
                        + " (%.0f%%); test accuracy %.3f against %.3f. %s",
                example.standard(), example.depthwise(), example.pointwise(), example.depthwise() + example.pointwise(),
                100 * example.ratio(), example.outputDiff(), formulaDiff,
                1 / ratios.stream().filter(r -> r[0] == 3 && r[1] == 1024).findFirst().orElseThrow()[2],
                1 / ratios.stream().filter(r -> r[0] == 5 && r[1] == 1024).findFirst().orElseThrow()[2],
                ctx.budget(2, 8), ctx.budget(3, 5), timing.standardMs(), timing.separableMs(), timing.depthwiseMs(),
                timing.pointwiseMs(), timeText, trainSize, epochs, LEARNING_RATE, BATCH, test.size(), separableNet.parameters(),
                standardNet.parameters(), 100 * paramShare, separableNet.multiplications(),
                standardNet.multiplications(), 100 * multShare, separableNet.accuracy(), standardNet.accuracy(),
                accuracyText));
        return result.build();
    }

    /**
     * Counts the standard convolution in -> out (h x h, no padding) and the depthwise and pointwise
     * steps on one side x side image with {@link ReferenceConv}, checks the separable layer's output
     * against the reference and the layers' analytic counts against the counted ones.
     */
    static Counts count(int in, int out, int h, int side, long seed) {
        INDArray x = RandomImages.whiteNoise(seed, 1, in, side, side, DataType.DOUBLE);
        Conv2d conv = Conv2d.builder(in, out, h).bias(false).dataType(DataType.DOUBLE).seed(seed).build();
        DepthwiseSeparableConv2d separable = DepthwiseSeparableConv2d.builder(in, out, h).bias(false)
                .dataType(DataType.DOUBLE).seed(seed + 1).build();
        int[] one = {1, 1};
        int[] zero = {0, 0};
        ReferenceConv.Counted standard = ReferenceConv.crossCorrelation(x, conv.weight().value(), null, one, zero, zero,
                one, 1);
        ReferenceConv.Counted depthwise = ReferenceConv.crossCorrelation(x, separable.depthwise().value(), null, one,
                zero, zero, one, in);
        ReferenceConv.Counted pointwise = ReferenceConv.crossCorrelation(depthwise.output(),
                separable.pointwise().value(), null, one, zero, zero, one, 1);
        double diff = SpatiallySeparableExperiment.maxAbsDiff(separable.forward(x), pointwise.output());
        long[] shape = x.shape();
        long[] steps = separable.stepMultiplications(shape);
        boolean agrees = conv.multiplications(shape) == standard.multiplications()
                && steps[0] == depthwise.multiplications() && steps[1] == pointwise.multiplications();
        return new Counts(standard.multiplications(), depthwise.multiplications(), pointwise.multiplications(), agrees,
                diff);
    }

    /** Median forward+backward times of Conv2d and DepthwiseSeparableConv2d (and its two steps alone), 64 -> 128, 32x32. */
    static Timing time(int batch, int repetitions, long seed) {
        int in = 64;
        int out = 128;
        Conv2d conv = Conv2d.builder(in, out, 3).padding(1).seed(seed).build();
        DepthwiseSeparableConv2d separable = DepthwiseSeparableConv2d.builder(in, out, 3).padding(1).seed(seed).build();
        DepthwiseConv2d depthwise = DepthwiseConv2d.builder(in, 3).padding(1).bias(false).seed(seed).build();
        PointwiseConv2d pointwise = PointwiseConv2d.builder(in, out).seed(seed).build();
        INDArray x = RandomImages.whiteNoise(seed, batch, in, 32, 32, DataType.FLOAT);
        INDArray gOut = RandomImages.whiteNoise(seed + 1, batch, out, 32, 32, DataType.FLOAT);
        INDArray gMid = RandomImages.whiteNoise(seed + 2, batch, in, 32, 32, DataType.FLOAT);
        Layer[] layers = {conv, separable, depthwise, pointwise};
        INDArray[] grads = {gOut, gOut, gMid, gOut};
        double[][] times = new double[layers.length][repetitions];
        for (int i = 0; i < layers.length; i++) {
            runOnce(layers[i], x, grads[i]); // warm-up: buffers, geometry caches, JIT
        }
        // Interleaved, so that a change of machine load hits all layers alike.
        for (int r = 0; r < repetitions; r++) {
            for (int i = 0; i < layers.length; i++) {
                long t0 = System.nanoTime();
                runOnce(layers[i], x, grads[i]);
                times[i][r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        long[] shape = x.shape();
        long[] steps = separable.stepMultiplications(shape);
        return new Timing(median(times[0]), median(times[1]), median(times[2]), median(times[3]),
                conv.multiplications(shape), steps[0], steps[1]);
    }

    /** [N, 1, 28, 28] -> [N, 1, 14, 14], the mean of each 2x2 block. */
    static INDArray halve(INDArray images) {
        long n = images.size(0);
        return images.reshape('c', n, 1, FASHION_SIDE, 2, FASHION_SIDE, 2).mean(3, 5).reshape('c', n, 1,
                FASHION_SIDE, FASHION_SIDE);
    }

    private static void runOnce(Layer layer, INDArray x, INDArray grad) {
        layer.forward(x);
        layer.backward(grad);
        for (var p : layer.parameters()) {
            p.zeroGrad();
        }
    }

    private static double median(double[] values) {
        return Stats.median(values);
    }

    /** The small Fashion-MNIST net; with {@code separable} its two inner convolutions are depthwise separable. */
    static Sequential net(boolean separable, long seed) {
        return new Sequential(
                Conv2d.builder(1, 16, 3).padding(1).seed(seed).build(), new ReLU(), new MaxPool2d(2),
                separable ? DepthwiseSeparableConv2d.builder(16, 32, 3).padding(1).seed(seed + 10).build()
                        : Conv2d.builder(16, 32, 3).padding(1).seed(seed + 10).build(),
                new ReLU(),
                separable ? DepthwiseSeparableConv2d.builder(32, 64, 3).padding(1).seed(seed + 20).build()
                        : Conv2d.builder(32, 64, 3).padding(1).seed(seed + 20).build(),
                new ReLU(), new MaxPool2d(2), new Flatten(),
                Linear.builder(64 * 3 * 3, 10).seed(seed + 30).build());
    }

    private static NetResult train(String label, boolean separable, BatchIterator batches, int epochs, DataSet test,
            long seed, Progress progress) {
        Sequential model = net(separable, seed + 1000);
        Adam adam = Adam.builder(model.parameters()).learningRate(LEARNING_RATE).build();
        List<Fit.Batch> all = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            for (Batch b : batches.epoch(e)) {
                all.add(new Fit.Batch(b.features(), Nd4j.createFromArray(b.labels())));
            }
        }
        double[] losses = Fit.steps(model, adam, new SoftmaxCrossEntropy(), all.size(), all::get, progress);
        double accuracy = Fit.accuracy(Fit.predict(model, test.features(), 500), test.labels());
        long parameters = model.parameters().stream().mapToLong(p -> p.size()).sum();
        long multiplications = model.multiplications(1, 1, FASHION_SIDE, FASHION_SIDE);
        return new NetResult(label, parameters, multiplications, accuracy, losses);
    }

    private static void drawCharts(ExperimentContext ctx, List<double[]> ratios, Timing timing, NetResult standard,
            NetResult separable) {
        List<LineSeries> series = new ArrayList<>();
        List<ReferenceLine> asymptotes = new ArrayList<>();
        for (int h : FILTER_SIZES) {
            double[][] mine = ratios.stream().filter(r -> r[0] == h).toArray(double[][]::new);
            double[] x = Arrays.stream(mine).mapToDouble(r -> r[1]).toArray();
            String hue = "h=" + h;
            series.add(new LineSeries(hue + " counted", x, Arrays.stream(mine).mapToDouble(r -> r[2]).toArray())
                    .inHue(hue));
            series.add(new LineSeries(hue + " article 1/Nc + 1/h^2", x, Arrays.stream(mine).mapToDouble(r -> r[3])
                    .toArray()).inHue(hue).asReference());
            asymptotes.add(new ReferenceLine(String.format(Locale.ROOT, "h=%d: limit 1/h^2 = %.3f", h,
                    1.0 / (h * h)), 1.0 / (h * h)));
        }
        List<String> ratio = ctx.charts().line("ratio", "Depthwise separable / standard multiplications, counted vs"
                + " article", "output channels Nc (3 input channels)", "multiplication ratio", series, false,
                asymptotes);
        ctx.result().caption(ratio.get(0), "Multiplications of the depthwise separable layer divided by those of the"
                + " standard h x h layer, against the number of output channels Nc. Solid lines with markers are"
                + " counted, dashed lines of the same colour the article's 1/Nc + 1/h^2 (they coincide: the formula"
                + " is exact); the dark dashed levels are the limits 1/h^2 for many channels.");

        List<Bar> cost = new ArrayList<>();
        cost.add(new Bar("standard convs", "parameters", 100));
        cost.add(new Bar("depthwise separable convs", "parameters", 100.0 * separable.parameters() / standard.parameters()));
        cost.add(new Bar("standard convs", "multiplications / image", 100));
        cost.add(new Bar("depthwise separable convs", "multiplications / image",
                100.0 * separable.multiplications() / standard.multiplications()));
        cost.add(new Bar("standard convs", "test accuracy", 100 * standard.accuracy()));
        cost.add(new Bar("depthwise separable convs", "test accuracy", 100 * separable.accuracy()));
        List<String> fashion = ctx.charts().bars("fashion", String.format("Fashion-MNIST net: cost (%% of the"
                + " standard net) and test accuracy (%%); %d vs %d parameters", standard.parameters(),
                separable.parameters()), "", "percent", cost);
        ctx.result().caption(fashion.get(0), "Two small Fashion-MNIST networks that differ only in their"
                + " convolutions: the depthwise separable one's parameters and multiplications per image as a"
                + " percentage of the standard one's (left two groups), and both networks' test accuracy (right).");

        List<Bar> time = List.of(
                new Bar("median ms (fwd+bwd)", "Conv2d 64->128", timing.standardMs()),
                new Bar("median ms (fwd+bwd)", "DepthwiseSeparable Conv2d", timing.separableMs()),
                new Bar("median ms (fwd+bwd)", "its depthwise step", timing.depthwiseMs()),
                new Bar("median ms (fwd+bwd)", "its pointwise step", timing.pointwiseMs()));
        List<String> timingChart = ctx.charts().bars("timing", String.format("Wall time, 3x3 on 32x32, FLOAT"
                + " (multiplication ratio %.3f, time ratio %.2f)", timing.multiplicationRatio(), timing.ratio()),
                "layer", "milliseconds", time);
        ctx.result().caption(timingChart.get(0), "Median wall time of a forward and backward pass of a standard"
                + " 3x3 Conv2d (64 to 128 channels, 32x32) and of the depthwise separable layer that replaces it,"
                + " with its two steps. The title gives both ratios: a time ratio above the multiplication ratio"
                + " means the layer saves less time than it saves multiplications.");
    }
}
