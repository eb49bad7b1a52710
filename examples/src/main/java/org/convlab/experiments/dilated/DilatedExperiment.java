package org.convlab.experiments.dilated;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.convlab.charts.HeatmapPanel;
import org.convlab.data.synth.RandomImages;
import org.convlab.experiments.ArticleClaim;
import org.convlab.experiments.ArticleExperiment;
import org.convlab.experiments.Claim;
import org.convlab.experiments.Figure;
import org.convlab.experiments.ExperimentContext;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.ResultBuilder;
import org.convlab.experiments.Verdict;
import org.convlab.experiments.support.Stats;
import org.convlab.nn.Parameter;
import org.convlab.nn.conv.Conv2d;
import org.convlab.nn.conv.DilatedConv2d;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dilated convolution: the definition {@code (F *_l k)(p) = sum_{s + l t = p} F(s) k(t)}, its
 * special case l = 1, and the receptive fields of 3x3 kernels with l = 1, 2, 4 stacked, measured by
 * back-propagating a single output pixel and counting the input pixels that receive a gradient.
 *
 * <p>The article's text says "l=1: 3x3, l=2: 7x7, l=3: 15x15" under a figure that stacks l = 1, 2, 4
 * (Yu and Koltun's figure). Single layers l = 1..4 are measured too: they show that the text's
 * "l=3" is a slip, since a single l = 3 layer spans 7x7 and 15x15 needs the stack 1, 2, 4.
 */
public final class DilatedExperiment extends ArticleExperiment {

    /** The receptive-field input: large enough for the 15x15 field of the full stack. */
    static final int SIDE = 19;
    /** The dilation rates stacked in the article's figure. */
    static final int[] STACK_RATES = {1, 2, 4};
    /** The article's receptive-field extents after l = 1, then 1,2, then 1,2,4. */
    static final int[] ARTICLE_STACKED_EXTENT = {3, 7, 15};
    /** The single-layer rates measured, to separate the stacked reading from the text's "l=3". */
    static final int[] SINGLE_RATES = {1, 2, 3, 4};
    /** Weights per 3x3 layer, the article's "same number of parameters". */
    static final int KERNEL_WEIGHTS = 9;
    /** DOUBLE throughout: rate 1 and Conv2d run the same engine path, so they must agree to rounding. */
    static final double EXACT_TOLERANCE = 1e-12;

    public DilatedExperiment() {
        super(ArticleClaim.DILATED);
    }

    /** One receptive field: the pixels of a 19x19 input that the centre output pixel depends on. */
    record Field(String label, double[][] gradient, int pixels, int height, int width, long parameters) {
        boolean dense() {
            return pixels == height * width;
        }
    }

    @Override
    public ExperimentResult run(ExperimentContext ctx) {
        long seed = ctx.seed();
        double rateOneDiff = rateOneVersusConv2d(seed);
        double definitionDiff = definitionVersusLayer(seed + 1, 2);

        List<Field> stacked = new ArrayList<>();
        for (int depth = 1; depth <= STACK_RATES.length; depth++) {
            int[] rates = Arrays.copyOf(STACK_RATES, depth);
            stacked.add(receptiveField(rates, seed + 10 + depth));
        }
        List<Field> single = new ArrayList<>();
        for (int rate : SINGLE_RATES) {
            single.add(receptiveField(new int[] {rate}, seed + 20 + rate));
        }

        drawCharts(ctx, stacked, single);

        ResultBuilder result = ctx.result();
        // ConvLab's drawing of the article's figure, shown beside the measurement (convlab draw).
        org.convlab.draw.ArticleDrawings.dilated(ctx.chartDir()).addTo(result::chart, result::caption);
        result.figure("max |DilatedConv2d(l=1) - Conv2d|", rateOneDiff, 0.0, "DOUBLE, same weights");
        result.figure("max |definition loops - DilatedConv2d(l=2)|", definitionDiff, 0.0, "DOUBLE");
        boolean stackOk = true;
        boolean paramsOk = true;
        for (int i = 0; i < stacked.size(); i++) {
            Field f = stacked.get(i);
            stackOk &= f.height() == ARTICLE_STACKED_EXTENT[i] && f.width() == ARTICLE_STACKED_EXTENT[i] && f.dense();
            result.figure("receptive field " + f.label() + " (side)", f.height(), ARTICLE_STACKED_EXTENT[i],
                    f.height() + "x" + f.width() + ", " + f.pixels() + " pixels with a gradient");
            long perLayer = f.parameters() / (i + 1);
            paramsOk &= perLayer == KERNEL_WEIGHTS;
        }
        result.figure("parameters per 3x3 layer (any l)", KERNEL_WEIGHTS, KERNEL_WEIGHTS, "weights, no bias");
        result.figure("parameters, stack l=1,2,4", stacked.get(2).parameters(),
                "same per layer as l=1", "weights (a dense 15x15 kernel has 225)");
        boolean singleOk = true;
        StringBuilder singleText = new StringBuilder();
        for (int i = 0; i < single.size(); i++) {
            Field f = single.get(i);
            int rate = SINGLE_RATES[i];
            singleOk &= f.height() == 2 * rate + 1 && f.width() == 2 * rate + 1 && f.pixels() == KERNEL_WEIGHTS
                    && f.parameters() == KERNEL_WEIGHTS;
            paramsOk &= f.parameters() == KERNEL_WEIGHTS;
            result.figure("single layer l=" + rate + " (span)", f.height(), rate == 3 ? "15 (text's l=3)" : null,
                    f.height() + "x" + f.width() + " span, " + f.pixels() + " pixels");
            singleText.append(i == 0 ? "" : ", ").append("l=").append(rate).append(": ").append(f.height())
                    .append('x').append(f.width());
        }
        if (rateOneDiff > EXACT_TOLERANCE || definitionDiff > EXACT_TOLERANCE) {
            // The layer under test disagrees with the definition: the software, not the article, is wrong.
            throw new IllegalStateException("DilatedConv2d does not match its definition: rate-1 difference "
                    + rateOneDiff + ", definition difference " + definitionDiff + " (tolerance " + EXACT_TOLERANCE + ")");
        }
        String fields = stacked.get(0).height() + "x" + stacked.get(0).width() + ", "
                + stacked.get(1).height() + "x" + stacked.get(1).width() + ", "
                + stacked.get(2).height() + "x" + stacked.get(2).width();
        Field singleL3 = single.get(2);
        result.check(Claim.of("l1-standard", "当l = 1 时,扩张卷积会变得和标准卷积一样.", "With l = 1 a dilated"
                        + " convolution is the standard convolution", Verdict.CONFIRMED, String.format(Locale.ROOT,
                        "DilatedConv2d(l=1) and Conv2d with the same weights agree to %.1e (output and gradients,"
                        + " DOUBLE); the article's definition as loops agrees with the layer to %.1e.", rateOneDiff,
                        definitionDiff))
                .withFigures(Figure.versus("max |DilatedConv2d(l=1) - Conv2d|", rateOneDiff, 0.0, "DOUBLE")));
        result.check(Claim.of("receptive-fields", "l=1时感受野为3x3,l=2时为7x7。", "Stacked 3x3 layers with l = 1, 2, 4"
                        + " (the article's figure) see 3x3, 7x7 and 15x15", stackOk ? Verdict.CONFIRMED : Verdict.REFUTED,
                "Back-propagated receptive fields of the stack l = 1; 1,2; 1,2,4: " + fields + " (dense).")
                .withFigures(Figure.versus("receptive field, stack l=1,2,4 (side)", stacked.get(2).height(), 15,
                        "pixels")));
        result.check(Claim.of("same-parameters", "有趣的是，与这些操作相关的参数的数量是相等的。我们 [观察]更大的感受野不会有额外的成本。",
                "Every dilation rate has the same number of parameters: a larger receptive field at no extra cost",
                paramsOk ? Verdict.CONFIRMED : Verdict.REFUTED, String.format(Locale.ROOT, "%d weights per 3x3"
                        + " layer at every rate; the 15x15 field of the stack costs %d weights where a dense 15x15"
                        + " kernel needs 225.", KERNEL_WEIGHTS, stacked.get(2).parameters()))
                .withFigures(Figure.versus("parameters per 3x3 layer (any l)", KERNEL_WEIGHTS, KERNEL_WEIGHTS,
                        "weights")));
        result.check(Claim.erratum("l3-15x15", "l=3时，感受野的大小就增加到了15x15。", "With l = 3 the receptive field"
                        + " grows to 15x15", singleL3.height() == 15,
                String.format(Locale.ROOT, "A single l = 3 layer spans %dx%d (9 sparse taps); 15x15 is the field of"
                        + " the stack l = 1, 2, 4 in the article's figure: the text's \"l=3\" is a slip for the third"
                        + " layer of that stack.", singleL3.height(), singleL3.width()))
                .withFigures(Figure.versus("single layer l=3 (span)", singleL3.height(), 15, "pixels")));
        if (stackOk && paramsOk && singleOk) {
            result.headline("Stacked 3x3 layers with l = 1, 2, 4 see " + fields
                    + " with 9 weights each; the text's \"l=3\" for 15x15 is a slip (a single l=3 layer spans 7x7)");
        } else {
            result.headline("Receptive fields measured " + fields + " (article 3x3, 7x7, 15x15); rate-1 diff "
                    + rateOneDiff + ", definition diff " + definitionDiff);
        }
        result.explanation(String.format(
                "Definition: DilatedConv2d with rate 1 and Conv2d with the same weights differ by at most %s"
                        + " (output, input and weight gradients, DOUBLE; tolerance %.0e), so l = 1 is the standard convolution; the article's sum"
                        + " over s + l t = p, written as plain loops for l = 2, differs from DilatedConv2d by at most"
                        + " %s once the kernel is flipped (the article writes a true convolution, the layer a"
                        + " cross-correlation, as every deep-learning convolution).%n"
                        + "Receptive field: a gradient of 1 at the centre output pixel of a %dx%d DOUBLE input,"
                        + " back-propagated through 1-channel 3x3 DilatedConv2d layers with all-positive weights"
                        + " (so no path can cancel), reaches a dense %s block after l = 1, then 1,2, then 1,2,4"
                        + " (%d, %d and %d pixels), with %d weights in every layer: the field grows exponentially"
                        + " with depth while the parameters grow linearly (27 weights for a 15x15 field that a"
                        + " dense kernel would need 225 for). This is the article's figure, which stacks l = 1, 2, 4."
                        + " Single layers span only %s (9 sparse taps each): the text's \"l=3 ... 15x15\" is a slip,"
                        + " since one l = 3 layer spans 7x7 and 15x15 needs the stack l = 1, 2, 4, and the text's"
                        + " \"l=2: 7x7\" is likewise the stacked field (a single l = 2 layer spans 5x5).",
                rateOneDiff, EXACT_TOLERANCE, definitionDiff, SIDE, SIDE, fields, stacked.get(0).pixels(),
                stacked.get(1).pixels(), stacked.get(2).pixels(), KERNEL_WEIGHTS, singleText));
        return result.build();
    }

    /** Max |difference| of DilatedConv2d(rate 1) and Conv2d with the same weights and bias, forward and input gradient. */
    static double rateOneVersusConv2d(long seed) {
        DilatedConv2d dilated = DilatedConv2d.builder(2, 3, 3, 1).padding(1).dataType(DataType.DOUBLE).seed(seed)
                .build();
        Conv2d conv = Conv2d.builder(2, 3, 3).padding(1).dataType(DataType.DOUBLE).seed(seed + 100).build();
        for (int i = 0; i < conv.parameters().size(); i++) {
            conv.parameters().get(i).value().assign(dilated.parameters().get(i).value());
        }
        INDArray x = RandomImages.whiteNoise(seed, 2, 2, 9, 9, DataType.DOUBLE);
        INDArray yd = dilated.forward(x);
        INDArray yc = conv.forward(x);
        INDArray g = RandomImages.whiteNoise(seed + 1, 2, 3, 9, 9, DataType.DOUBLE);
        INDArray gd = dilated.backward(g);
        INDArray gc = conv.backward(g);
        double diff = maxAbsDiff(yd, yc);
        diff = Math.max(diff, maxAbsDiff(gd, gc));
        diff = Math.max(diff, maxAbsDiff(dilated.parameters().get(0).grad(), conv.parameters().get(0).grad()));
        return diff;
    }

    /**
     * The article's {@code (F *_l k)(p) = sum_{s + l t = p} F(s) k(t)} as plain loops, compared with a
     * DilatedConv2d holding the flipped kernel (no padding, so p runs over the positions where every
     * tap falls inside F).
     */
    static double definitionVersusLayer(long seed, int l) {
        int h = 11;
        int w = 12;
        int k = 3;
        SplittableRandom random = new SplittableRandom(seed);
        double[][] f = new double[h][w];
        for (double[] row : f) {
            for (int j = 0; j < w; j++) {
                row[j] = random.nextDouble(-1, 1);
            }
        }
        double[][] kernel = new double[k][k];
        for (double[] row : kernel) {
            for (int j = 0; j < k; j++) {
                row[j] = random.nextDouble(-1, 1);
            }
        }
        // The definition: every pair (s, t) with s + l t = p adds F(s) k(t).
        int span = l * (k - 1);
        double[][] byDefinition = new double[h - span][w - span];
        for (int p0 = span; p0 < h; p0++) {
            for (int p1 = span; p1 < w; p1++) {
                double sum = 0;
                for (int t0 = 0; t0 < k; t0++) {
                    for (int t1 = 0; t1 < k; t1++) {
                        int s0 = p0 - l * t0;
                        int s1 = p1 - l * t1;
                        sum += f[s0][s1] * kernel[t0][t1];
                    }
                }
                byDefinition[p0 - span][p1 - span] = sum;
            }
        }
        DilatedConv2d layer = DilatedConv2d.builder(1, 1, k, l).bias(false).dataType(DataType.DOUBLE).build();
        double[] flipped = new double[k * k];
        for (int t0 = 0; t0 < k; t0++) {
            for (int t1 = 0; t1 < k; t1++) {
                flipped[t0 * k + t1] = kernel[k - 1 - t0][k - 1 - t1];
            }
        }
        layer.parameters().get(0).value().assign(Nd4j.create(flipped, new long[] {1, 1, k, k}, 'c'));
        INDArray x = Nd4j.create(flatten(f), new long[] {1, 1, h, w}, 'c');
        double[] y = layer.forward(x).dup('c').data().asDouble();
        double[] expected = flatten(byDefinition);
        if (y.length != expected.length) {
            throw new IllegalStateException("DilatedConv2d output has " + y.length + " values, the definition "
                    + expected.length);
        }
        double diff = 0;
        for (int i = 0; i < y.length; i++) {
            diff = Math.max(diff, Math.abs(y[i] - expected[i]));
        }
        return diff;
    }

    /**
     * Back-propagates a gradient of 1 at the centre output pixel through 1-channel 3x3 layers with
     * these rates ("same" padding, all-positive weights) and measures where the input gradient is non-zero.
     */
    static Field receptiveField(int[] rates, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<DilatedConv2d> layers = new ArrayList<>();
        long parameters = 0;
        for (int rate : rates) {
            DilatedConv2d layer = DilatedConv2d.builder(1, 1, 3, rate).padding(rate).bias(false)
                    .dataType(DataType.DOUBLE).build();
            double[] weights = new double[KERNEL_WEIGHTS];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = random.nextDouble(0.5, 1.5);
            }
            Parameter weight = layer.parameters().get(0);
            weight.value().assign(Nd4j.create(weights, new long[] {1, 1, 3, 3}, 'c'));
            for (Parameter p : layer.parameters()) {
                parameters += p.size();
            }
            layers.add(layer);
        }
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 1, 1, SIDE, SIDE);
        INDArray y = x;
        for (DilatedConv2d layer : layers) {
            y = layer.forward(y);
        }
        double[] seedGrad = new double[(int) y.length()];
        int oh = (int) y.size(2);
        int ow = (int) y.size(3);
        seedGrad[(oh / 2) * ow + ow / 2] = 1;
        INDArray g = Nd4j.create(seedGrad, y.shape(), 'c');
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
        }
        double[] dx = g.dup('c').data().asDouble();
        double[][] grid = new double[SIDE][SIDE];
        int pixels = 0;
        int top = SIDE;
        int bottom = -1;
        int left = SIDE;
        int right = -1;
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                double v = Math.abs(dx[r * SIDE + c]);
                grid[r][c] = v;
                if (v != 0) {
                    pixels++;
                    top = Math.min(top, r);
                    bottom = Math.max(bottom, r);
                    left = Math.min(left, c);
                    right = Math.max(right, c);
                }
            }
        }
        StringBuilder label = new StringBuilder("l=");
        for (int i = 0; i < rates.length; i++) {
            label.append(i == 0 ? "" : ",").append(rates[i]);
        }
        return new Field(label.toString(), grid, pixels, pixels == 0 ? 0 : bottom - top + 1,
                pixels == 0 ? 0 : right - left + 1, parameters);
    }

    private static void drawCharts(ExperimentContext ctx, List<Field> stacked, List<Field> single) {
        List<HeatmapPanel> stackPanels = new ArrayList<>();
        for (Field f : stacked) {
            stackPanels.add(new HeatmapPanel("after " + f.label() + ": " + f.height() + "x" + f.width(), mask(f)));
        }
        List<String> stackedChart = ctx.charts().heatmaps("receptive-field-stacked",
                "Receptive field of the centre output pixel, stacked 3x3 dilated layers", "input column",
                "input row", stackPanels, "1 = gradient not 0");
        ctx.result().caption(stackedChart.get(0), "Which input pixels the centre output pixel depends on, found by"
                + " back-propagating from that pixel: yellow pixels get a non-zero gradient. After layers with"
                + " dilation rates 1, then 1 and 2, then 1, 2 and 4 the field is a solid 3x3, 7x7 and 15x15 square,"
                + " although every layer has only 9 weights.");
        List<HeatmapPanel> singlePanels = new ArrayList<>();
        for (Field f : single) {
            singlePanels.add(new HeatmapPanel("single layer " + f.label() + ": spans " + f.height() + "x"
                    + f.width(), mask(f)));
        }
        List<String> singleChart = ctx.charts().heatmaps("receptive-field-single",
                "Receptive field of one 3x3 dilated layer: 9 taps spread over (2l+1)x(2l+1)", "input column",
                "input row", singlePanels, "1 = gradient not 0");
        ctx.result().caption(singleChart.get(0), "The same measurement for one 3x3 layer of dilation rate l: its 9"
                + " taps stay 9 pixels, spaced l apart, so the span grows to (2l+1)x(2l+1) with holes between"
                + " the taps. A single layer with l=3 spans 7x7, not 15x15.");
    }

    private static double[][] mask(Field f) {
        double[][] m = new double[SIDE][SIDE];
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                m[r][c] = f.gradient()[r][c] != 0 ? 1 : 0;
            }
        }
        return m;
    }

    private static double[] flatten(double[][] a) {
        double[] out = new double[a.length * a[0].length];
        for (int r = 0; r < a.length; r++) {
            System.arraycopy(a[r], 0, out, r * a[0].length, a[0].length);
        }
        return out;
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return Stats.maxAbsDifference(a, b);
    }
}
