package org.convlab.experiments.grouped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.convlab.charts.ImageTile;
import org.convlab.charts.LineSeries;
import org.convlab.data.DataSet;
import org.convlab.data.synth.ColouredDeadLeaves;
import org.convlab.experiments.ArticleClaim;
import org.convlab.experiments.ArticleExperiment;
import org.convlab.experiments.Claim;
import org.convlab.experiments.ExperimentContext;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.Figure;
import org.convlab.experiments.Progress;
import org.convlab.experiments.ResultBuilder;
import org.convlab.experiments.Verdict;
import org.convlab.experiments.support.PermutationTest;
import org.convlab.experiments.support.Stats;
import org.convlab.nn.Layer;
import org.convlab.nn.Sequential;
import org.convlab.nn.conv.Conv2d;
import org.convlab.nn.conv.GroupedConv2d;
import org.convlab.nn.layers.GlobalAvgPool;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * AlexNet's observation that with two filter groups one group's first-layer filters come out
 * colour-agnostic (black-and-white edges) and the other's colourful (low-frequency colour blobs).
 * As in AlexNet the first layer sees all three colour channels and its two halves feed two separate
 * paths (2-group convolutions) until the classifier merges them. The data are coloured dead leaves,
 * where colour is low-frequency and form (a fine luminance grating) high-frequency, so that the two
 * kinds of filter have something to divide. A network with 1 group, whose halves mean nothing, is the
 * control.
 */
public final class GroupSpecialisationExperiment extends ArticleExperiment {
    /** Filters per group in the first layer (AlexNet: 48). */
    static final int PER_GROUP = 16;
    static final int KERNEL = 7;
    /** Issue 11: the groups separate when the AUC of colourfulness is at least this (or at most 1 minus it)... */
    static final double AUC_THRESHOLD = 0.85;
    /** ...with a permutation p below this... */
    static final double P_THRESHOLD = 0.01;
    /** ...in at least this share of the seeds (3 of 4). */
    static final double SEED_SHARE = 0.75;
    /** A small start, as AlexNet's N(0, 0.01): the filters' colour then comes from training, not from the draw. */
    static final double INIT_SCALE = 0.1;

    static final String QUOTE = "此外，每个过滤器分组都会学习数据的一个独特表征。正如 AlexNet 的作者指出的那样，"
            + "过滤器分组似乎会将学习到的过滤器结构性地组织成两个不同的分组——黑白过滤器和彩色过滤器。";

    public GroupSpecialisationExperiment() {
        super(ArticleClaim.GROUP_SPECIALISATION);
    }

    /** One trained network's first layer and how its two halves differ. */
    record Trained(double[] weights, double[] colour, double[] centroid, PermutationTest colourTest,
            double centroidAuc, double accuracy) {
        double colourAuc() {
            return Stats.auc(java.util.Arrays.copyOfRange(colour, 0, PER_GROUP),
                    java.util.Arrays.copyOfRange(colour, PER_GROUP, 2 * PER_GROUP));
        }

        boolean separated() {
            double auc = colourAuc();
            return (auc >= AUC_THRESHOLD || auc <= 1 - AUC_THRESHOLD) && colourTest.p() < P_THRESHOLD;
        }
    }

    @Override
    public ExperimentResult run(ExperimentContext ctx) {
        long seed = ctx.seed();
        ResultBuilder result = ctx.result();
        int seeds = ctx.budget(2, 4);
        int trainCount = ctx.budget(128, 2048);
        int epochs = ctx.budget(1, 5);
        int permutations = ctx.budget(199, 1999);
        DataSet train = ColouredDeadLeaves.builder().size(32).count(trainCount).seed(seed * 13 + 1).build().generate();
        DataSet test = ColouredDeadLeaves.builder().size(32).count(ctx.budget(128, 512)).seed(seed * 13 + 2).build()
                .generate();

        // ---- Measure.
        Trained[] grouped = new Trained[seeds];
        Trained control;
        try (Progress progress = ctx.progress("training " + seeds + " seeds + control",
                (long) (seeds + 1) * ClassifierTraining.steps(train, epochs, 32))) {
            for (int s = 0; s < seeds; s++) {
                grouped[s] = trainAndMeasure(2, seed + 101L * (s + 1), train, test, epochs, permutations, progress);
            }
            control = trainAndMeasure(1, seed + 101L, train, test, epochs, permutations, progress);
        }

        // ---- Draw the evidence.
        List<String> tiles = filterTiles(ctx, result, grouped[0]);
        List<String> dots = dotPlot(ctx, result, grouped, control);

        // ---- Decide.
        int separated = 0;
        StringBuilder perSeed = new StringBuilder();
        for (int s = 0; s < seeds; s++) {
            Trained t = grouped[s];
            separated += t.separated() ? 1 : 0;
            perSeed.append(String.format(Locale.ROOT, "%sseed %d: colourfulness AUC %.2f (p %.3f), luminance-frequency"
                    + " AUC %.2f, mean colourfulness %.2f | %.2f, test accuracy %.3f", s == 0 ? "" : "; ", s + 1,
                    t.colourAuc(), t.colourTest().p(), t.centroidAuc(), mean(t.colour(), 0, PER_GROUP),
                    mean(t.colour(), PER_GROUP, 2 * PER_GROUP), t.accuracy()));
            result.figure("seed " + (s + 1) + ": colourfulness AUC, group 1 vs group 2", t.colourAuc(),
                    ">= 0.85 or <= 0.15", "AUC")
                    .figure("seed " + (s + 1) + ": permutation p of the AUC", t.colourTest().p(), "< 0.01", "p")
                    .figure("seed " + (s + 1) + ": luminance-frequency AUC, group 1 vs group 2", t.centroidAuc(), "AUC")
                    .figure("seed " + (s + 1) + ": test accuracy", t.accuracy(), "accuracy");
        }
        result.figure("control (1 group): colourfulness AUC, first vs second half", control.colourAuc(), "≈ 0.5",
                "AUC")
                .figure("control (1 group): permutation p", control.colourTest().p(), ">= 0.01", "p");
        int needed = (int) Math.ceil(SEED_SHARE * seeds);
        boolean controlQuiet = control.colourTest().p() >= P_THRESHOLD;
        boolean holds = separated >= needed && controlQuiet;
        String setting = String.format(Locale.ROOT, "first layer 2 x %d filters of %dx%d, stride 2, on RGB, then two"
                + " separate paths through 2-group convolutions merged by the classifier; %d epochs on %d 32x32"
                + " coloured dead-leaves images (colour constant per leaf, a fine luminance grating as form; 4"
                + " classes = warm/cool x horizontal/vertical), %d seeds", PER_GROUP, KERNEL, KERNEL, epochs,
                trainCount, seeds);
        String rule = String.format(Locale.ROOT, "Rule: a seed separates its groups when the Mann-Whitney AUC of"
                + " the filters' colourfulness, group 1 against group 2, is >= %.2f or <= %.2f with a permutation p"
                + " < %.2f (%d relabellings of the 32 filters into two halves); CONFIRMED when at least %d of %d seeds"
                + " do and the 1-group control's halves stay within the null (p >= %.2f).", AUC_THRESHOLD,
                1 - AUC_THRESHOLD, P_THRESHOLD, permutations, needed, seeds, P_THRESHOLD);
        String finding = String.format(Locale.ROOT, "%d of %d seeds separated. %s. Control: AUC %.2f, p %.3f. %s"
                + " Setting: %s; AlexNet had 48 11x11 filters per group on ImageNet, two GPUs and about 90 epochs.",
                separated, seeds, perSeed, control.colourAuc(), control.colourTest().p(), rule, setting);
        if (!holds && !controlQuiet) {
            finding += " The control's arbitrary halves differ too, so a difference would not be the groups' doing.";
        }
        result.check(Claim.of("colour-and-grey-groups", QUOTE, "With two filter groups, one group's first-layer"
                        + " filters come out black-and-white and the other's colourful",
                holds ? Verdict.CONFIRMED : Verdict.NOT_REPRODUCED, finding)
                .withChart(dots)
                .withFigures(Figure.versus("seeds whose groups separate by colourfulness", separated,
                        "most (AlexNet)", "of " + seeds),
                        Figure.versus("control: permutation p", control.colourTest().p(), ">= 0.01", "p")));
        return result.headline(String.format(Locale.ROOT, "%d of %d seeds: groups separate by colourfulness (AUC %s);"
                        + " control AUC %.2f", separated, seeds, Stats.join(aucs(grouped), 2), control.colourAuc()))
                .explanation("Each first-layer filter's colourfulness (share of its energy outside the per-pixel"
                        + " channel mean) and the power-weighted mean spatial frequency of its luminance are measured;"
                        + " the two groups are compared by the Mann-Whitney AUC against a permutation null, and a"
                        + " 1-group network's two halves serve as control. " + rule + " The filter tiles ("
                        + tiles.size() / 2 + " formats) share one zero-centred scale.")
                .build();
    }

    private static Trained trainAndMeasure(int groups, long runSeed, DataSet train, DataSet test, int epochs,
            int permutations, Progress progress) {
        int width = 2 * PER_GROUP;
        Conv2d first = Conv2d.builder(3, width, KERNEL).stride(2).padding(KERNEL / 2).seed(runSeed).build();
        first.weight().value().muli(INIT_SCALE);
        Layer second = groups == 1 ? Conv2d.builder(width, 2 * width, 3).padding(1).seed(runSeed + 1).build()
                : GroupedConv2d.builder(width, 2 * width, 3, groups).padding(1).seed(runSeed + 1).build();
        Layer third = groups == 1 ? Conv2d.builder(2 * width, 2 * width, 3).padding(1).seed(runSeed + 2).build()
                : GroupedConv2d.builder(2 * width, 2 * width, 3, groups).padding(1).seed(runSeed + 2).build();
        Sequential model = new Sequential(first, new ReLU(), new MaxPool2d(2), second, new ReLU(), new MaxPool2d(2),
                third, new ReLU(), new GlobalAvgPool(), Linear.builder(2 * width, 4).seed(runSeed + 3).build());
        ClassifierTraining.train(model, train, epochs, 32, 0.01, 5e-4, runSeed + 4, progress);
        double[] w = first.weight().value().castTo(DataType.DOUBLE).dup().data().asDouble();
        double[] colour = FilterMeasures.colourfulness(w, width, KERNEL * KERNEL);
        double[] centroid = FilterMeasures.luminanceCentroid(w, width, KERNEL);
        int[] halves = new int[width];
        for (int f = PER_GROUP; f < width; f++) {
            halves[f] = 1;
        }
        // Two-sided: either group may be the colourful one.
        PermutationTest test2 = PermutationTest.run(halves, labels -> Math.abs(auc(colour, labels) - 0.5),
                permutations, runSeed + 5);
        PermutationTest colourTest = new PermutationTest(auc(colour, halves), test2.nullValues(), test2.p());
        return new Trained(w, colour, centroid, colourTest, auc(centroid, halves),
                ClassifierTraining.accuracy(model, test));
    }

    /** AUC of the values labelled 0 against those labelled 1. */
    static double auc(double[] values, int[] labels) {
        int n0 = 0;
        for (int l : labels) {
            n0 += l == 0 ? 1 : 0;
        }
        double[] a = new double[n0];
        double[] b = new double[labels.length - n0];
        int i = 0;
        int j = 0;
        for (int k = 0; k < labels.length; k++) {
            if (labels[k] == 0) {
                a[i++] = values[k];
            } else {
                b[j++] = values[k];
            }
        }
        return Stats.auc(a, b);
    }

    private static double[] aucs(Trained[] ts) {
        double[] out = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            out[i] = ts[i].colourAuc();
        }
        return out;
    }

    private static List<String> filterTiles(ExperimentContext ctx, ResultBuilder result, Trained t) {
        int pixels = KERNEL * KERNEL;
        double bound = 0;
        for (double v : t.weights()) {
            bound = Math.max(bound, Math.abs(v));
        }
        List<ImageTile> tiles = new ArrayList<>();
        for (int f = 0; f < 2 * PER_GROUP; f++) {
            double[][][] rgb = new double[3][KERNEL][KERNEL];
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < pixels; p++) {
                    rgb[c][p / KERNEL][p % KERNEL] = t.weights()[(f * 3 + c) * pixels + p];
                }
            }
            tiles.add(ImageTile.rgb(String.format(Locale.ROOT, "g%d c=%.2f", f / PER_GROUP + 1, t.colour()[f]), rgb));
        }
        List<String> files = ctx.charts().tilesOnSharedScale("filters", "First-layer 7x7 filters, seed 1 (rows 1-2:"
                + " group 1, rows 3-4: group 2)", tiles, PER_GROUP / 2, bound);
        files.forEach(f -> result.caption(f, "Every first-layer filter of the first seed, all on one scale: a zero"
                + " weight is mid-grey and the brightest or darkest channel value of any filter is full intensity, so"
                + " a weak filter looks faint and a grey (colour-free) filter looks grey. c is the filter's"
                + " colourfulness (0 = grey). The first two rows feed group 1, the last two group 2."));
        return files;
    }

    private static List<String> dotPlot(ExperimentContext ctx, ResultBuilder result, Trained[] grouped,
            Trained control) {
        List<double[]> g1 = new ArrayList<>();
        List<double[]> g2 = new ArrayList<>();
        for (int s = 0; s <= grouped.length; s++) {
            Trained t = s < grouped.length ? grouped[s] : control;
            for (int f = 0; f < 2 * PER_GROUP; f++) {
                // Spread the dots of one column a little so that equal values stay visible.
                double jitter = ((f % PER_GROUP) - PER_GROUP / 2.0) * 0.012;
                (f < PER_GROUP ? g1 : g2).add(new double[] {s + 1 + (f < PER_GROUP ? -0.18 : 0.18) + jitter,
                        t.colour()[f]});
            }
        }
        List<String> files = ctx.charts().seriesDots("colourfulness", "Colourfulness of each first-layer filter by group"
                + " (x = seed; the last column is the 1-group control's two halves)", "seed (" + (grouped.length + 1)
                + " = 1-group control)", "colourfulness ||w - mean_c w||^2 / ||w||^2", List.of(series("group 1 /"
                + " first half", g1), series("group 2 / second half", g2)));
        files.forEach(f -> result.caption(f, "One dot per first-layer filter: its colourfulness (0 = grey, about"
                + " 0.67 for random weights), left of each seed's tick for group 1 and right for group 2. Groups that"
                + " specialise show two separate clouds; the last column, a network without groups split in halves,"
                + " shows what chance looks like."));
        return files;
    }

    private static LineSeries series(String name, List<double[]> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new LineSeries(name, x, y);
    }

    private static double mean(double[] v, int from, int to) {
        return Stats.mean(java.util.Arrays.copyOfRange(v, from, to));
    }
}
