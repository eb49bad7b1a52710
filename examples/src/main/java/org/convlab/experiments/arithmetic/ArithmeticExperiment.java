package org.convlab.experiments.arithmetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.convlab.charts.Bar;
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
import org.convlab.nn.GradMode;
import org.convlab.nn.Layer;
import org.convlab.nn.conv.Conv1d;
import org.convlab.nn.conv.Conv2d;
import org.convlab.nn.conv.Conv3d;
import org.convlab.nn.conv.ConvTranspose1d;
import org.convlab.nn.conv.ConvTranspose2d;
import org.convlab.nn.conv.ConvTranspose3d;
import org.convlab.nn.conv.DepthwiseConv2d;
import org.convlab.nn.conv.DepthwiseSeparableConv2d;
import org.convlab.nn.conv.DilatedConv2d;
import org.convlab.nn.conv.GroupedConv2d;
import org.convlab.nn.conv.PointwiseConv2d;
import org.convlab.nn.conv.SpatiallySeparableConv2d;
import org.convlab.nn.conv.TrueConv1d;
import org.convlab.nn.conv.TrueConv2d;
import org.convlab.nn.conv.TrueConv3d;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The output-size arithmetic of every convolution layer, against the formulas of the contract:
 * {@code floor((in + 2p - d(k-1) - 1) / s) + 1} and, transposed,
 * {@code (in-1)s - 2p + d(k-1) + outputPadding + 1}. For a grid of kernels, strides, paddings,
 * dilations and output paddings (each axis given a different value, so that mixed-up axes show), every
 * layer's {@code outputShape()} and the shape of a real forward pass are compared with the formula;
 * settings whose formula gives no output must be rejected with an {@link IllegalArgumentException}.
 * Then the article's concrete sizes (7x7x3 to 5x5x1, 5x5x3, 5x5x128) and the 1x1 convolution as a
 * matrix product over channels, {@code y[n,:,h,w] = W x[n,:,h,w] + b}, checked in DOUBLE.
 */
public final class ArithmeticExperiment extends ArticleExperiment {

    /** The 1x1 convolution must equal the explicit matrix product to this maximum absolute difference (DOUBLE). */
    static final double EXACT_TOLERANCE = 1e-12;

    private static final int[] KERNELS = {1, 2, 3};
    private static final int[] STRIDES = {1, 2, 3};
    private static final int[] PADDINGS = {0, 1, 2};
    private static final int[] DILATIONS = {1, 2, 3};
    private static final int[] OUTPUT_PADDINGS = {0, 1, 2};

    public ArithmeticExperiment() {
        super(ArticleClaim.ARITHMETIC);
    }

    /**
     * One setting of one layer: how to build it, the input shape, and the shape the formula expects,
     * or null when the formula gives an empty output (the layer must refuse).
     */
    record Case(String type, String settings, Supplier<Layer> build, long[] input, long[] expected) {
    }

    /** The outcome of one case. */
    record Outcome(Case c, boolean valid, boolean ok, String problem) {
    }

    @Override
    public ExperimentResult run(ExperimentContext ctx) {
        List<long[]> sizes1 = new ArrayList<>(List.of(new long[] {9}));
        List<long[]> sizes2 = new ArrayList<>(List.of(new long[] {12, 5}));
        List<long[]> sizes3 = new ArrayList<>(List.of(new long[] {5, 6, 7}));
        if (!ctx.quick()) {
            sizes1.add(new long[] {4});
            sizes2.add(new long[] {7, 9});
            sizes3.add(new long[] {8, 4, 5});
        }
        List<Case> cases = cases(sizes1, sizes2, sizes3);

        List<Outcome> outcomes = new ArrayList<>();
        try (Progress progress = ctx.progress("shapes", cases.size())) {
            for (Case c : cases) {
                outcomes.add(check(c));
                progress.step();
            }
        }
        Map<String, int[]> perType = new LinkedHashMap<>(); // type -> {valid ok, invalid ok, mismatches}
        List<String> problems = new ArrayList<>();
        for (Outcome o : outcomes) {
            int[] counts = perType.computeIfAbsent(o.c().type(), t -> new int[3]);
            if (!o.ok()) {
                counts[2]++;
                problems.add(o.c().type() + " " + o.c().settings() + " input " + Arrays.toString(o.c().input()) + ": "
                        + o.problem());
            } else if (o.valid()) {
                counts[0]++;
            } else {
                counts[1]++;
            }
        }
        int mismatches = problems.size();
        int valid = perType.values().stream().mapToInt(v -> v[0]).sum();
        int rejected = perType.values().stream().mapToInt(v -> v[1]).sum();

        ArticleShapes article = articleShapes(ctx.seed());
        double pointwise = pointwiseMatrixProduct(ctx.seed());

        Map<String, Double> agreeing = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : perType.entrySet()) {
            agreeing.merge(e.getKey(), (double) (e.getValue()[0] + e.getValue()[1]), Double::sum);
        }
        List<Bar> bars = new ArrayList<>();
        for (Map.Entry<String, Double> e : agreeing.entrySet()) {
            bars.add(new Bar(rankOf(e.getKey()), family(e.getKey()), e.getValue()));
        }
        List<String> casesChart = ctx.charts().bars("cases", String.format(Locale.ROOT, "Settings whose"
                + " outputShape() and forward pass agree with the formula: %d of %d (%d mismatches)",
                outcomes.size() - mismatches, outcomes.size(), mismatches), "layer family (abbreviations: see the"
                + " text)", "settings checked (valid and rejected)", bars);
        ctx.result().caption(casesChart.get(0), "How many settings (kernel, stride, padding, dilation, output"
                + " padding, input size) were checked for each layer family and rank; a setting counts when the"
                + " layer's outputShape() and the shape of its forward pass both equal the formula, or when both"
                + " reject an empty output. The title gives the mismatches.");
        List<String> sizesChart = ctx.charts().valueGrid("transposed-sizes", "ConvTranspose2d: output side of a"
                + " 2x2 input, 3x3 kernel (0 = empty, rejected)", "padding p",
                Arrays.stream(PADDINGS).mapToObj(p -> "p=" + p).toList(), "stride s",
                Arrays.stream(STRIDES).mapToObj(st -> "s=" + st).toList(), transposedSizes());
        ctx.result().caption(sizesChart.get(0), "The side of the output of ConvTranspose2d from a 2x2 input and a"
                + " 3x3 kernel, as measured by a forward pass, for each stride and padding; it equals"
                + " (2-1)s - 2p + 3. A larger stride spreads the input further apart, padding crops the border.");

        ResultBuilder r = ctx.result();
        // ConvLab's drawing of the article's figure, shown beside the measurement (convlab draw).
        org.convlab.draw.ArticleDrawings.arithmetic(ctx.chartDir()).addTo(r::chart, r::caption);
        r.figure("settings checked (layer x setting x input size)", outcomes.size(), "cases");
        r.figure("valid settings whose outputShape() and forward shape equal the formula", valid, "cases");
        r.figure("settings with an empty output, rejected with IllegalArgumentException", rejected, "cases");
        r.figure("mismatches", mismatches, 0, "cases");
        r.figure("layer types checked", perType.size(), "types");
        for (ArticleShape a : article.shapes()) {
            r.figure(a.name() + ": output H x W x C", a.measuredValues(), a.articleValues(),
                    "values; measured " + a.measuredText() + ", article " + a.articleText());
        }
        r.figure("max |PointwiseConv2d(x) - (W x + b) per pixel|", pointwise, 0, "abs diff, DOUBLE");

        String typeList = String.join(", ", perType.keySet());
        String measured = String.format(Locale.ROOT,
                "Checked %d settings over %d layer types (%s): kernels %s, strides %s, paddings %s, dilations %s,"
                        + " output paddings %s, each axis given a different value of the grid, on %d input size(s)"
                        + " per rank. %d valid settings: outputShape() and the shape of a forward pass both equal"
                        + " floor((in + 2p - d(k-1) - 1)/s) + 1 (transposed: (in-1)s - 2p + d(k-1) + outputPadding"
                        + " + 1; 'same' padding: in). %d settings whose formula gives an empty output (or an output"
                        + " padding not below stride or dilation) were rejected with IllegalArgumentException."
                        + " Mismatches: %d. The article's sizes: %s. A 1x1 convolution equals the matrix product"
                        + " over channels, W x + b at every pixel (explicit mmul; max diff %s, DOUBLE, 5->4 channels,"
                        + " 3 images of 6x7).",
                outcomes.size(), perType.size(), typeList, Arrays.toString(KERNELS), Arrays.toString(STRIDES),
                Arrays.toString(PADDINGS), Arrays.toString(DILATIONS), Arrays.toString(OUTPUT_PADDINGS),
                sizes1.size(), valid, rejected, mismatches, article.summary(), diffText(pointwise));
        StringBuilder perTypeText = new StringBuilder(" Per type (valid matching / rejected / mismatches):");
        perType.forEach((t, v) -> perTypeText.append(' ').append(t).append(' ').append(v[0]).append('/').append(v[1])
                .append('/').append(v[2]).append(';'));
        perTypeText.setCharAt(perTypeText.length() - 1, '.');
        String firstProblems = problems.isEmpty() ? ""
                : " First mismatches: " + String.join("; ", problems.subList(0, Math.min(5, problems.size()))) + ".";

        boolean softwareOk = mismatches == 0;
        r.check(Claim.of("article-sizes", "假设输入层的大小是 7×7×3（高×宽×通道），而过滤器的大小是 3×3×3。经过与一个过滤器的 2D 卷积之后，"
                        + "输出层的大小是 5×5×1……然后我们将这些映射图堆叠在一起，创建一个 5×5×3 的图像……在应用了 128 个 1×1 卷积之后，"
                        + "我们得到大小为 5×5×128 的层。", "A 3x3x3 filter maps 7x7x3 to 5x5x1; the depthwise step gives"
                        + " 5x5x3; 128 1x1x3 filters give 5x5x128; output sizes follow the size formula for every type",
                !softwareOk ? Verdict.FAILED : article.allMatch() ? Verdict.CONFIRMED : Verdict.REFUTED,
                String.format(Locale.ROOT, "The article's sizes: %s. %d settings of %d layer types checked against"
                        + " the output-size formulas: %d mismatches.", article.summary(), outcomes.size(),
                        perType.size(), mismatches))
                .withFigures(Figure.versus("settings disagreeing with the output-size formula", mismatches, 0.0,
                        "")));
        r.check(Claim.of("one-by-one-matrix-product", "为了扩展深度，我们应用一个核大小为 1×1×3 的 1×1 卷积。将 5×5×3 的输入图像与每个"
                        + " 1×1×3 的核卷积，可得到大小为 5×5×1 的映射图。", "A 1x1 convolution is a matrix product over"
                        + " channels at every pixel", pointwise < EXACT_TOLERANCE ? Verdict.CONFIRMED : Verdict.FAILED,
                "PointwiseConv2d equals W x + b per pixel (explicit matrix product) to " + diffText(pointwise)
                        + " (DOUBLE).")
                .withFigures(Figure.versus("max |PointwiseConv2d(x) - (W x + b)|", pointwise, 0.0, "DOUBLE")));
        if (!article.allMatch()) {
            r.headline("The article's output sizes are not what the layers give: " + article.summary());
        } else if (mismatches > 0 || pointwise >= EXACT_TOLERANCE) {
            r.headline(mismatches + " layer settings disagree with the output-size formula"
                    + (pointwise >= EXACT_TOLERANCE ? "; 1x1 conv differs from W x + b by " + pointwise : ""));
        } else {
            r.headline(String.format(Locale.ROOT,
                    "All %d settings of %d layer types match the output-size formulas (0 mismatches);"
                            + " 7x7x3 -> 5x5x1 / 5x5x3 / 5x5x128 as the article says; 1x1 conv = W x + b (max diff %s)",
                    outcomes.size(), perType.size(), diffText(pointwise)));
        }
        String legend = " Chart abbreviations: TrueCv = TrueConv, Transp = ConvTranspose, Dwise/Pwise ="
                + " DepthwiseConv2d/PointwiseConv2d, SpSep/DwSep = spatially/depthwise separable, Group = GroupedConv2d,"
                + " 'same' = ConvNd with padding \"same\".";
        return r.explanation(measured + perTypeText + firstProblems + legend
                + " The article states these sizes for its examples only;"
                + " the grid extends them to every layer type and setting.").build();
    }

    /** The chart's category for a layer type: its family without the rank. */
    static String family(String type) {
        if (type.contains("'same'")) {
            return "'same'";
        }
        String t = type.replaceAll("[123]d$", "").replace("Conv", "");
        return switch (t) {
            case "" -> "Conv";
            case "True" -> "TrueCv";
            case "Transpose" -> "Transp";
            case "Depthwise" -> "Dwise";
            case "Pointwise" -> "Pwise";
            case "SpatiallySeparable" -> "SpSep";
            case "Grouped" -> "Group";
            case "DepthwiseSeparable" -> "DwSep";
            default -> t;
        };
    }

    /** The chart's series for a layer type: 1D, 2D or 3D. */
    static String rankOf(String type) {
        return type.contains("1d") ? "1D" : type.contains("3d") ? "3D" : "2D";
    }

    // ---- the grid ----------------------------------------------------------------------------------

    static List<Case> cases(List<long[]> sizes1, List<long[]> sizes2, List<long[]> sizes3) {
        List<Case> cases = new ArrayList<>();
        for (long[] in : sizes1) {
            convFamily(cases, "Conv1d", in, (k, s, p, d) -> Conv1d.builder(2, 3, k).stride(s).padding(p).dilation(d)
                    .bias(false).seed(1).build());
            convFamily(cases, "TrueConv1d", in, (k, s, p, d) -> TrueConv1d.builder(2, 3, k).stride(s).padding(p)
                    .dilation(d).bias(false).seed(1).build());
            transposedFamily(cases, "ConvTranspose1d", in, (k, s, p, d, op) -> ConvTranspose1d.builder(2, 3, k)
                    .stride(s).padding(p).dilation(d).outputPadding(op).bias(false).seed(1).build());
            sameFamily(cases, "Conv1d", in, (k, d) -> Conv1d.builder(2, 3, k).padding("same").dilation(d)
                    .bias(false).seed(1).build());
        }
        for (long[] in : sizes2) {
            convFamily(cases, "Conv2d", in, (k, s, p, d) -> Conv2d.builder(2, 3, k).stride(s).padding(p).dilation(d)
                    .bias(false).seed(1).build());
            convFamily(cases, "TrueConv2d", in, (k, s, p, d) -> TrueConv2d.builder(2, 3, k).stride(s).padding(p)
                    .dilation(d).bias(false).seed(1).build());
            transposedFamily(cases, "ConvTranspose2d", in, (k, s, p, d, op) -> ConvTranspose2d.builder(2, 3, k)
                    .stride(s).padding(p).dilation(d).outputPadding(op).bias(false).seed(1).build());
            sameFamily(cases, "Conv2d", in, (k, d) -> Conv2d.builder(2, 3, k).padding("same").dilation(d)
                    .bias(false).seed(1).build());
            dilated(cases, in);
            depthwise(cases, in);
            depthwiseSeparable(cases, in);
            spatiallySeparable(cases, in);
            grouped(cases, in);
            pointwise(cases, in);
        }
        for (long[] in : sizes3) {
            convFamily(cases, "Conv3d", in, (k, s, p, d) -> Conv3d.builder(2, 3, k).stride(s).padding(p).dilation(d)
                    .bias(false).seed(1).build());
            convFamily(cases, "TrueConv3d", in, (k, s, p, d) -> TrueConv3d.builder(2, 3, k).stride(s).padding(p)
                    .dilation(d).bias(false).seed(1).build());
            transposedFamily(cases, "ConvTranspose3d", in, (k, s, p, d, op) -> ConvTranspose3d.builder(2, 3, k)
                    .stride(s).padding(p).dilation(d).outputPadding(op).bias(false).seed(1).build());
            sameFamily(cases, "Conv3d", in, (k, d) -> Conv3d.builder(2, 3, k).padding("same").dilation(d)
                    .bias(false).seed(1).build());
        }
        return cases;
    }

    interface ConvFactory {
        Layer build(int[] k, int[] s, int[] p, int[] d);
    }

    interface TransposedFactory {
        Layer build(int[] k, int[] s, int[] p, int[] d, int[] op);
    }

    interface SameFactory {
        Layer build(int[] k, int[] d);
    }

    /** Every kernel x stride x padding x dilation of the grid; axis a gets the grid value shifted by a. */
    private static void convFamily(List<Case> cases, String type, long[] in, ConvFactory f) {
        int rank = in.length;
        for (int k : KERNELS) {
            for (int s : STRIDES) {
                for (int p : PADDINGS) {
                    for (int d : DILATIONS) {
                        int[] ka = perAxis(KERNELS, k, rank);
                        int[] sa = perAxis(STRIDES, s, rank);
                        int[] pa = perAxis(PADDINGS, p, rank);
                        int[] da = perAxis(DILATIONS, d, rank);
                        cases.add(new Case(type, describe(ka, sa, pa, da, null), () -> f.build(ka, sa, pa, da),
                                shape(2, in), expected(3, convSizes(in, ka, sa, pa, da))));
                    }
                }
            }
        }
    }

    private static void transposedFamily(List<Case> cases, String type, long[] in, TransposedFactory f) {
        int rank = in.length;
        for (int k : KERNELS) {
            for (int s : STRIDES) {
                for (int p : PADDINGS) {
                    for (int d : DILATIONS) {
                        for (int op : OUTPUT_PADDINGS) {
                            int[] ka = perAxis(KERNELS, k, rank);
                            int[] sa = perAxis(STRIDES, s, rank);
                            int[] pa = perAxis(PADDINGS, p, rank);
                            int[] da = perAxis(DILATIONS, d, rank);
                            int[] oa = perAxis(OUTPUT_PADDINGS, op, rank);
                            cases.add(new Case(type, describe(ka, sa, pa, da, oa), () -> f.build(ka, sa, pa, da, oa),
                                    shape(2, in), expected(3, transposedSizes(in, ka, sa, pa, da, oa))));
                        }
                    }
                }
            }
        }
    }

    /** {@code padding("same")} at stride 1: the output keeps the input size, for odd and even d(k-1). */
    private static void sameFamily(List<Case> cases, String type, long[] in, SameFactory f) {
        int rank = in.length;
        for (int k : KERNELS) {
            for (int d : DILATIONS) {
                int[] ka = perAxis(KERNELS, k, rank);
                int[] da = perAxis(DILATIONS, d, rank);
                long[] out = in.clone();
                cases.add(new Case(type + " 'same'", "padding same, k " + Arrays.toString(ka) + " d "
                        + Arrays.toString(da), () -> f.build(ka, da), shape(2, in), expected(3, out)));
            }
        }
    }

    private static void dilated(List<Case> cases, long[] in) {
        for (int k : KERNELS) {
            for (int rate : DILATIONS) {
                for (int s : STRIDES) {
                    for (int p : PADDINGS) {
                        int[] sa = perAxis(STRIDES, s, 2);
                        int[] pa = perAxis(PADDINGS, p, 2);
                        int[] ka = {k, k};
                        int[] da = {rate, rate};
                        cases.add(new Case("DilatedConv2d", describe(ka, sa, pa, da, null),
                                () -> DilatedConv2d.builder(2, 3, k, rate).stride(sa).padding(pa).bias(false).seed(1)
                                        .build(),
                                shape(2, in), expected(3, convSizes(in, ka, sa, pa, da))));
                    }
                }
            }
        }
    }

    private static void depthwise(List<Case> cases, long[] in) {
        convFamilyWith(cases, "DepthwiseConv2d", in, (ka, sa, pa, da, m) -> DepthwiseConv2d.builder(2, ka)
                .depthMultiplier(m).stride(sa).padding(pa).dilation(da).bias(false).seed(1).build(), 2);
    }

    private static void depthwiseSeparable(List<Case> cases, long[] in) {
        convFamilyWith(cases, "DepthwiseSeparableConv2d", in, (ka, sa, pa, da, m) -> DepthwiseSeparableConv2d
                .builder(2, 3, ka).depthMultiplier(m).stride(sa).padding(pa).dilation(da).bias(false).seed(1).build(),
                3);
    }

    interface MultiplierFactory {
        Layer build(int[] k, int[] s, int[] p, int[] d, int multiplier);
    }

    /**
     * The conv grid for the depthwise layers, with depth multiplier 1 or 2 alternating over the grid;
     * the output has {@code 2 * m} channels ({@code fixedOut} = 3 when a pointwise step follows).
     */
    private static void convFamilyWith(List<Case> cases, String type, long[] in, MultiplierFactory f, int fixedOut) {
        int i = 0;
        for (int k : KERNELS) {
            for (int s : STRIDES) {
                for (int p : PADDINGS) {
                    for (int d : DILATIONS) {
                        int m = 1 + (i++ % 2);
                        int[] ka = perAxis(KERNELS, k, 2);
                        int[] sa = perAxis(STRIDES, s, 2);
                        int[] pa = perAxis(PADDINGS, p, 2);
                        int[] da = perAxis(DILATIONS, d, 2);
                        int outChannels = fixedOut == 2 ? 2 * m : fixedOut;
                        cases.add(new Case(type, describe(ka, sa, pa, da, null) + " m " + m,
                                () -> f.build(ka, sa, pa, da, m), shape(2, in),
                                expected(outChannels, convSizes(in, ka, sa, pa, da))));
                    }
                }
            }
        }
    }

    private static void spatiallySeparable(List<Case> cases, long[] in) {
        for (int k : KERNELS) {
            for (int s : STRIDES) {
                for (int p : PADDINGS) {
                    int[] ka = {k, k};
                    int[] sa = perAxis(STRIDES, s, 2);
                    int[] pa = perAxis(PADDINGS, p, 2);
                    int[] da = {1, 1};
                    cases.add(new Case("SpatiallySeparableConv2d", describe(ka, sa, pa, da, null),
                            () -> SpatiallySeparableConv2d.builder(2, 3, k).stride(sa).padding(pa).bias(false).seed(1)
                                    .build(),
                            shape(2, in), expected(3, convSizes(in, ka, sa, pa, da))));
                }
            }
        }
    }

    private static void grouped(List<Case> cases, long[] in) {
        for (int k : KERNELS) {
            for (int s : STRIDES) {
                for (int p : PADDINGS) {
                    for (int d : DILATIONS) {
                        int[] ka = {k, k};
                        int[] sa = perAxis(STRIDES, s, 2);
                        int[] pa = perAxis(PADDINGS, p, 2);
                        int[] da = perAxis(DILATIONS, d, 2);
                        cases.add(new Case("GroupedConv2d", describe(ka, sa, pa, da, null) + " groups 2",
                                () -> GroupedConv2d.builder(4, 6, k, 2).stride(sa).padding(pa).dilation(da)
                                        .bias(false).seed(1).build(),
                                shape(4, in), expected(6, convSizes(in, ka, sa, pa, da))));
                    }
                }
            }
        }
    }

    private static void pointwise(List<Case> cases, long[] in) {
        int[][] channels = {{1, 1}, {2, 3}, {3, 128}, {8, 2}};
        for (int[] c : channels) {
            cases.add(new Case("PointwiseConv2d", c[0] + "->" + c[1] + " channels",
                    () -> PointwiseConv2d.builder(c[0], c[1]).bias(false).seed(1).build(), shape(c[0], in),
                    new long[] {1, c[1], in[0], in[1]}));
        }
    }

    // ---- formulas ----------------------------------------------------------------------------------

    /** The contract's formula per axis: {@code floor((in + 2p - d(k-1) - 1) / s) + 1}; null when an axis is empty. */
    static long[] convSizes(long[] in, int[] k, int[] s, int[] p, int[] d) {
        long[] out = new long[in.length];
        for (int a = 0; a < in.length; a++) {
            long span = in[a] + 2L * p[a] - (long) d[a] * (k[a] - 1) - 1;
            out[a] = span < 0 ? 0 : Math.floorDiv(span, s[a]) + 1;
            if (out[a] < 1) {
                return null;
            }
        }
        return out;
    }

    /**
     * {@code (in-1)s - 2p + d(k-1) + outputPadding + 1} per axis; null when an axis is empty or the
     * output padding is not below the stride or the dilation.
     */
    static long[] transposedSizes(long[] in, int[] k, int[] s, int[] p, int[] d, int[] op) {
        long[] out = new long[in.length];
        for (int a = 0; a < in.length; a++) {
            if (op[a] >= s[a] && op[a] >= d[a]) {
                return null;
            }
            out[a] = (in[a] - 1) * s[a] - 2L * p[a] + (long) d[a] * (k[a] - 1) + op[a] + 1;
            if (out[a] < 1) {
                return null;
            }
        }
        return out;
    }

    // ---- one check ---------------------------------------------------------------------------------

    /**
     * Builds the layer, asks {@code outputShape()} and runs a forward pass on zeros. A valid case
     * must give the expected shape both ways; an invalid one must throw IllegalArgumentException at
     * build, at {@code outputShape()} and at the forward pass.
     */
    static Outcome check(Case c) {
        boolean valid = c.expected() != null;
        Layer layer;
        try {
            layer = c.build().get();
        } catch (IllegalArgumentException e) {
            return valid ? new Outcome(c, true, false, "build threw: " + e.getMessage())
                    : new Outcome(c, false, true, null);
        }
        long[] declared;
        try {
            declared = layer.outputShape(c.input());
        } catch (IllegalArgumentException e) {
            declared = null;
        }
        long[] actual;
        try (GradMode.Scope ignored = GradMode.disabled()) {
            actual = layer.forward(Nd4j.zeros(DataType.FLOAT, c.input())).shape();
        } catch (IllegalArgumentException e) {
            actual = null;
        }
        if (!valid) {
            return declared == null && actual == null ? new Outcome(c, false, true, null)
                    : new Outcome(c, false, false, "formula gives no output, but outputShape() gave "
                            + Arrays.toString(declared) + " and forward gave " + Arrays.toString(actual));
        }
        boolean ok = Arrays.equals(declared, c.expected()) && Arrays.equals(actual, c.expected());
        return new Outcome(c, true, ok, ok ? null : "expected " + Arrays.toString(c.expected()) + ", outputShape() "
                + Arrays.toString(declared) + ", forward " + Arrays.toString(actual));
    }

    // ---- the article's sizes and the 1x1 product --------------------------------------------------

    /** One of the article's examples: the layer, the output it states and the output measured. */
    record ArticleShape(String name, long[] measured, long[] article) {
        double measuredValues() {
            return measured[1] * measured[2] * measured[3];
        }

        double articleValues() {
            return article[1] * article[2] * article[3];
        }

        String measuredText() {
            return measured[2] + "x" + measured[3] + "x" + measured[1];
        }

        String articleText() {
            return article[2] + "x" + article[3] + "x" + article[1];
        }

        boolean matches() {
            return Arrays.equals(measured, article);
        }
    }

    record ArticleShapes(List<ArticleShape> shapes) {
        boolean allMatch() {
            return shapes.stream().allMatch(ArticleShape::matches);
        }

        String summary() {
            List<String> parts = new ArrayList<>();
            for (ArticleShape a : shapes) {
                parts.add(a.name() + " -> " + a.measuredText()
                        + (a.matches() ? "" : " (article: " + a.articleText() + ")"));
            }
            return String.join(", ", parts);
        }
    }

    /** The article's examples (section 8): a forward pass of each layer on the input it names. */
    static ArticleShapes articleShapes(long seed) {
        long[] in773 = {1, 3, 7, 7};
        long[] in553 = {1, 3, 5, 5};
        return new ArticleShapes(List.of(
                new ArticleShape("Conv2d 3->1, 3x3x3 filter on 7x7x3",
                        forwardShape(Conv2d.builder(3, 1, 3).seed(seed).build(), in773), new long[] {1, 1, 5, 5}),
                new ArticleShape("Conv2d 3->128, 128 filters on 7x7x3",
                        forwardShape(Conv2d.builder(3, 128, 3).seed(seed).build(), in773), new long[] {1, 128, 5, 5}),
                new ArticleShape("DepthwiseConv2d, 3 kernels 3x3x1 on 7x7x3",
                        forwardShape(DepthwiseConv2d.builder(3, 3).seed(seed).build(), in773),
                        new long[] {1, 3, 5, 5}),
                new ArticleShape("PointwiseConv2d 3->128, 128 1x1x3 kernels on 5x5x3",
                        forwardShape(PointwiseConv2d.builder(3, 128).seed(seed).build(), in553),
                        new long[] {1, 128, 5, 5}),
                new ArticleShape("DepthwiseSeparableConv2d 3->128 on 7x7x3",
                        forwardShape(DepthwiseSeparableConv2d.builder(3, 128, 3).seed(seed).build(), in773),
                        new long[] {1, 128, 5, 5})));
    }

    private static long[] forwardShape(Layer layer, long[] input) {
        try (GradMode.Scope ignored = GradMode.disabled()) {
            return layer.forward(Nd4j.zeros(DataType.FLOAT, input)).shape();
        }
    }

    /**
     * max |PointwiseConv2d(x) - y| where {@code y[n,:,h,w] = W x[n,:,h,w] + b} is computed as one explicit
     * matrix product of W [out, in] with the pixels as columns [in, N*H*W] (DOUBLE).
     */
    static double pointwiseMatrixProduct(long seed) {
        int in = 5;
        int out = 4;
        PointwiseConv2d layer = PointwiseConv2d.builder(in, out).dataType(DataType.DOUBLE).seed(seed).build();
        INDArray x = RandomImages.whiteNoise(seed + 1, 3, in, 6, 7, DataType.DOUBLE);
        INDArray y;
        try (GradMode.Scope ignored = GradMode.disabled()) {
            y = layer.forward(x);
        }
        INDArray w = layer.weight().value().reshape(out, in);
        INDArray b = layer.bias().value().reshape(out, 1);
        INDArray pixels = x.permute(1, 0, 2, 3).dup('c').reshape(in, 3 * 6 * 7);
        INDArray product = w.mmul(pixels).addiColumnVector(b);
        INDArray expected = product.reshape(out, 3, 6, 7).permute(1, 0, 2, 3).dup('c');
        return maxAbsDiff(y, expected);
    }

    /** The output side of ConvTranspose2d for a 2x2 input and a 3x3 kernel, by stride (rows) and padding (columns). */
    static double[][] transposedSizes() {
        double[][] out = new double[STRIDES.length][PADDINGS.length];
        for (int si = 0; si < STRIDES.length; si++) {
            for (int pi = 0; pi < PADDINGS.length; pi++) {
                ConvTranspose2d t = ConvTranspose2d.builder(1, 1, 3).stride(STRIDES[si]).padding(PADDINGS[pi])
                        .bias(false).seed(1).build();
                try (GradMode.Scope ignored = GradMode.disabled()) {
                    out[si][pi] = t.forward(Nd4j.zeros(DataType.FLOAT, 1, 1, 2, 2)).size(2);
                } catch (IllegalArgumentException empty) {
                    out[si][pi] = 0; // (2-1)s - 2p + 3 < 1: no output, and the layer says so
                }
            }
        }
        return out;
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static String diffText(double diff) {
        return diff == 0 ? "0, bit-exact" : String.format(Locale.ROOT, "%.1e", diff);
    }

    /** The grid value for axis 0 and, for the next axes, the next values of the grid (cyclically). */
    static int[] perAxis(int[] grid, int value, int rank) {
        int start = 0;
        while (grid[start] != value) {
            start++;
        }
        int[] out = new int[rank];
        for (int a = 0; a < rank; a++) {
            out[a] = grid[(start + a) % grid.length];
        }
        return out;
    }

    private static long[] shape(long channels, long[] spatial) {
        long[] s = new long[spatial.length + 2];
        s[0] = 1;
        s[1] = channels;
        System.arraycopy(spatial, 0, s, 2, spatial.length);
        return s;
    }

    private static long[] expected(long channels, long[] spatial) {
        return spatial == null ? null : shape(channels, spatial);
    }

    private static String describe(int[] k, int[] s, int[] p, int[] d, int[] op) {
        return "k " + Arrays.toString(k) + " s " + Arrays.toString(s) + " p " + Arrays.toString(p) + " d "
                + Arrays.toString(d) + (op == null ? "" : " op " + Arrays.toString(op));
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        // Arrays of different shapes are as different as can be: every tolerance check then fails.
        return java.util.Arrays.equals(a.shape(), b.shape()) ? Stats.maxAbsDifference(a, b) : Double.POSITIVE_INFINITY;
    }
}
