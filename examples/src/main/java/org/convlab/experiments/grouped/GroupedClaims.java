package org.convlab.experiments.grouped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.convlab.experiments.Claim;
import org.convlab.experiments.Figure;
import org.convlab.experiments.Verdict;
import org.convlab.experiments.support.Stats;

/**
 * The deciding part of the grouped experiment: each sentence of the article's section 6 with the
 * rule, fixed before the run, that turns the measurements into its verdict.
 */
final class GroupedClaims {
    /** A block-diagonal weight must reproduce the grouped output to this (DOUBLE rounding is ~1e-16). */
    static final double EXACT_TOLERANCE = 1e-12;
    /**
     * Concurrent groups count as faster when the median speed-up with a single-threaded BLAS reaches
     * this: repeated timings on a shared machine scatter by about 10%.
     */
    static final double SPEEDUP_THRESHOLD = 1.1;
    /** The block structure is significant when every relabelling p is below this (issue 11). */
    static final double P_THRESHOLD = 0.01;
    /** ...and grows with the groups: Spearman of score vs group count at least this in every seed (issue 11). */
    static final double GROWTH_RANK_CORRELATION = 0.8;

    static final String QUOTE_PARAMETERS = "具有 2 个过滤器分组的分组卷积有 (h x w x Din/2 x Dout/2) x 2 个参数。"
            + "参数数量减少了一半。";
    static final String QUOTE_WEIGHT = "第一个过滤器分组（红色）与输入层的前一半（[:, :, 0:Din/2]）卷积，而第二个过滤器分组（橙色）"
            + "与输入层的后一半（[:, :, Din/2:Din]）卷积。";
    static final String QUOTE_PARALLEL = "因为卷积被分成了多个路径，每个路径都可由不同的 GPU 分开处理，所以模型可以并行方式在多个 GPU 上进行训练。";
    static final String QUOTE_BLOCKS = "上图是当用 1、2、4、8、16 个过滤器分组训练模型时，相邻层的过滤器之间的相关性。"
            + "……过滤器分组的效果是在通道维度上学习块对角结构的稀疏性";
    static final String QUOTE_LEARNED = "在网络中，具有高相关性的过滤器是使用过滤器分组以一种更为结构化的方式学习到。";
    static final String QUOTE_BETTER = "分组卷积也许能提供比标准完整 2D 卷积更好的模型。……能够减少训练参数，不容易过拟合，类似于正则效果。";

    private GroupedClaims() {
    }

    static Claim parametersHalved(GroupedExperiment.ParameterCounts c) {
        boolean formula = c.full() == (long) c.k() * c.k() * c.din() * c.dout();
        for (int i = 0; i < c.groups().length; i++) {
            int g = c.groups()[i];
            formula &= c.grouped()[i] == (long) c.k() * c.k() * (c.din() / g) * (c.dout() / g) * g;
        }
        double ratio = (double) c.grouped()[0] / c.full();
        boolean holds = formula && ratio == 0.5;
        String finding = String.format(Locale.ROOT, "A %dx%d conv %d->%d has %d weights (h w Din Dout); with 2"
                + " groups %d = (h w Din/2 Dout/2) x 2, ratio %.4f; with g groups the counts %s follow"
                + " (h w Din/g Dout/g) g = 1/g of the full count.", c.k(), c.k(), c.din(), c.dout(), c.full(),
                c.grouped()[0], ratio, Arrays.toString(c.grouped()));
        return Claim.of("parameters-halved", QUOTE_PARAMETERS, "2 filter groups have (h w Din/2 Dout/2) x 2"
                + " parameters: half of the standard convolution's h w Din Dout", holds ? Verdict.CONFIRMED
                : Verdict.REFUTED, holds ? finding : "The counts differ from the formula. " + finding)
                .withFigures(Figure.versus("weights, standard 3x3 conv 128->128", c.full(),
                        (double) c.k() * c.k() * c.din() * c.dout(), "count"),
                        Figure.versus("weights, 2 groups", c.grouped()[0],
                                (double) c.k() * c.k() * c.din() * c.dout() / 2, "count"),
                        Figure.versus("ratio, 2 groups / standard", ratio, 0.5, ""));
    }

    static Claim blockDiagonalWeight(double error) {
        boolean holds = error <= EXACT_TOLERANCE;
        return Claim.of("block-diagonal-weight", QUOTE_WEIGHT, "Each filter group convolves only its share of"
                        + " the input channels: a grouped convolution is a standard one whose weight is block-diagonal"
                        + " over (output group, input group)", holds ? Verdict.CONFIRMED : Verdict.REFUTED,
                String.format(Locale.ROOT, "A standard 8->12 conv whose weight is the block-diagonal assembly of a"
                        + " 4-group conv's weights gives the grouped output to %.1e in DOUBLE (tolerance %.0e).",
                        error, EXACT_TOLERANCE))
                .withFigures(Figure.versus("max |grouped - block-diagonal standard| (DOUBLE)", error, 0.0, ""));
    }

    static Claim parallelPaths(GroupTiming.Result t, double load) {
        double median = Stats.median(t.speedUps()[1]);
        Verdict verdict;
        String finding;
        String numbers = String.format(Locale.ROOT, "Concurrent vs sequential groups (N=%d, 128->128, 16x16,"
                + " forward+backward, median of %d runs, load average %.1f): speed-up %s with BLAS on %d thread(s),"
                + " %s with BLAS on 1 thread (for %s groups); results differ by %.1e.", t.batch(), t.repeats(), load,
                Stats.join(t.speedUps()[0], 2), t.blasThreads(), Stats.join(t.speedUps()[1], 2),
                Arrays.toString(t.groups()), t.maxDifference());
        if (t.maxDifference() > 1e-6) {
            verdict = Verdict.REFUTED;
            finding = "The groups are not independent: running them concurrently changes the result. " + numbers;
        } else if (median >= SPEEDUP_THRESHOLD) {
            verdict = Verdict.CONFIRMED;
            finding = String.format(Locale.ROOT, "The groups are independent (identical results) and run"
                    + " concurrently they are faster: median speed-up %.2f >= %.1f with a single-threaded BLAS. ",
                    median, SPEEDUP_THRESHOLD) + numbers + " On a CPU the gain is bounded by the cores a"
                    + " multi-threaded BLAS already uses; the article's setting is one GPU per group.";
        } else {
            verdict = Verdict.NOT_REPRODUCED;
            finding = String.format(Locale.ROOT, "The groups are independent (identical results), but concurrent"
                    + " groups were not faster here: median speed-up %.2f < %.1f. ", median, SPEEDUP_THRESHOLD)
                    + numbers + " Our setting is the cores of one CPU, which a multi-threaded BLAS already uses;"
                    + " the article's is one GPU per group.";
        }
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < t.groups().length; i++) {
            figures.add(Figure.versus("speed-up, " + t.groups()[i] + " groups, BLAS 1 thread", t.speedUps()[1][i],
                    "> 1 (one GPU per group)", "x"));
        }
        figures.add(Figure.versus("max |concurrent - sequential|", t.maxDifference(), 0.0, ""));
        return Claim.of("parallel-paths", QUOTE_PARALLEL, "The groups are separate paths that can be computed in"
                + " parallel, which makes training faster", verdict, finding).withFigures(figures);
    }

    static Claim blockDiagonalCorrelation(RootsStudy roots, String setting) {
        int[] groups = roots.plan.groups();
        List<String> failures = new ArrayList<>();
        double[] growth = new double[roots.plan.seeds()];
        for (int s = 0; s < roots.plan.seeds(); s++) {
            double[] x = new double[groups.length - 1];
            double[] y = new double[groups.length - 1];
            for (int i = 1; i < groups.length; i++) {
                RootsStudy.Run r = roots.runs[s][i];
                x[i - 1] = groups[i];
                y[i - 1] = r.score();
                if (!(r.nullTest().p() < P_THRESHOLD)) {
                    failures.add(String.format(Locale.ROOT, "seed %d, %d groups: p = %.3f", s + 1, groups[i],
                            r.nullTest().p()));
                }
                if (!(r.score() > roots.control[s][i])) {
                    failures.add(String.format(Locale.ROOT, "seed %d, %d groups: score %.3f not above the 1-group"
                            + " control %.3f", s + 1, groups[i], r.score(), roots.control[s][i]));
                }
            }
            growth[s] = Stats.spearman(x, y);
            if (!(growth[s] >= GROWTH_RANK_CORRELATION)) {
                failures.add(String.format(Locale.ROOT, "seed %d: Spearman(groups, score) %.2f < %.1f", s + 1,
                        growth[s], GROWTH_RANK_CORRELATION));
            }
        }
        String numbers = String.format(Locale.ROOT, "Block scores (mean |C| in the diagonal blocks / outside, C the"
                + " cross-covariance of the ZCA-whitened responses of the 1x1 and the grouped layer at the same"
                + " pixel), mean over seeds for %s groups: %s; largest relabelling p per group count %s (%d"
                + " relabellings); 1-group control with the same partitions %s; Spearman(groups, score) per seed %s.",
                Arrays.toString(Arrays.copyOfRange(groups, 1, groups.length)), meanScores(roots, RootsStudy.Run::score),
                maxP(roots), roots.plan.permutations(), meanControl(roots), Stats.join(growth, 2));
        boolean holds = failures.isEmpty();
        String finding = holds ? "Block-diagonal at every group count, significant (p < 0.01), above the"
                + " control and growing with the groups in every seed. " + numbers + " Setting: " + setting + "."
                : "Not every condition held (" + String.join("; ", failures) + "). " + numbers + " Setting: "
                + setting + "; Deep Roots used a network-in-network with up to 192 channels per layer on CIFAR-10,"
                + " trained to convergence.";
        List<Figure> figures = new ArrayList<>();
        for (int i = 1; i < groups.length; i++) {
            figures.add(Figure.versus("block score, " + groups[i] + " groups (mean of seeds)",
                    Stats.mean(roots.overSeeds(i, RootsStudy.Run::score)), "block-diagonal, growing", "ratio"));
        }
        figures.add(Figure.measured("largest relabelling p", Arrays.stream(maxPValues(roots)).max().orElse(1), "p"));
        figures.add(Figure.measured("smallest Spearman(groups, score) over seeds",
                Arrays.stream(growth).min().orElse(Double.NaN), "rank corr."));
        return Claim.of("block-diagonal-correlation", QUOTE_BLOCKS, "With 1, 2, 4, 8, 16 filter groups the"
                        + " responses of adjacent layers become block-diagonally related, more so with more groups",
                holds ? Verdict.CONFIRMED : Verdict.NOT_REPRODUCED, finding).withFigures(figures);
    }

    static Claim structureLearned(RootsStudy roots, String setting) {
        int[] groups = roots.plan.groups();
        List<String> failures = new ArrayList<>();
        for (int s = 0; s < roots.plan.seeds(); s++) {
            for (int i = 1; i < groups.length; i++) {
                RootsStudy.Run r = roots.runs[s][i];
                if (!(r.score() > r.initialScore())) {
                    failures.add(String.format(Locale.ROOT, "seed %d, %d groups: %.3f trained vs %.3f at init",
                            s + 1, groups[i], r.score(), r.initialScore()));
                }
            }
        }
        String numbers = String.format(Locale.ROOT, "Block score at initialisation %s, trained %s (means over seeds,"
                + " %s groups).", meanScores(roots, RootsStudy.Run::initialScore), meanScores(roots,
                RootsStudy.Run::score), Arrays.toString(Arrays.copyOfRange(groups, 1, groups.length)));
        boolean holds = failures.isEmpty();
        String finding = holds ? "Training raises the block score above its value at initialisation for every"
                + " group count in every seed: part of the structure is wiring (a grouped channel reads only its"
                + " group's inputs), the rise is learned. " + numbers
                : "The trained score is not above the initial one everywhere (" + String.join("; ", failures)
                + "): the block structure is there from the wiring at initialisation, and training did not add"
                + " to it in our setting (" + setting + "). " + numbers;
        List<Figure> figures = new ArrayList<>();
        for (int i = 1; i < groups.length; i++) {
            figures.add(Figure.versus("block score, " + groups[i] + " groups, trained (mean)",
                    Stats.mean(roots.overSeeds(i, RootsStudy.Run::score)), String.format(Locale.ROOT,
                            "> init %.3f", Stats.mean(roots.overSeeds(i, RootsStudy.Run::initialScore))), "ratio"));
        }
        return Claim.of("structure-learned", QUOTE_LEARNED, "The block structure of the correlations is learned"
                        + " by training, not only wired in", holds ? Verdict.CONFIRMED : Verdict.NOT_REPRODUCED,
                finding).withFigures(figures);
    }

    /** Section 6.3: a grouped network as good as (within one sd of, or above) the full one, with fewer parameters. */
    static Claim betterModel(RootsStudy roots, String setting) {
        int[] groups = roots.plan.groups();
        double[] full = roots.overSeeds(0, RootsStudy.Run::testAccuracy);
        double bar = Stats.mean(full) - Stats.sd(full);
        List<String> below = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            double[] test = roots.overSeeds(i, RootsStudy.Run::testAccuracy);
            double[] train = roots.overSeeds(i, RootsStudy.Run::trainAccuracy);
            double[] gap = new double[test.length];
            for (int s = 0; s < gap.length; s++) {
                gap[s] = train[s] - test[s];
            }
            long params = roots.runs[0][i].parameters();
            table.append(String.format(Locale.ROOT, "%s%d group(s): test %s, train-test gap %s, %d parameters",
                    i == 0 ? "" : "; ", groups[i], Stats.meanSd(test, 3), Stats.meanSd(gap, 3), params));
            if (groups[i] > 1 && groups[i] <= 8 && Stats.mean(test) < bar) {
                below.add(groups[i] + " groups");
            }
            if (groups[i] <= 8) {
                figures.add(Figure.versus("test accuracy, " + groups[i] + " group(s) (mean of seeds)",
                        Stats.mean(test), groups[i] == 1 ? "reference" : String.format(Locale.ROOT, ">= %.3f", bar),
                        params + " parameters"));
                figures.add(Figure.versus("train-test gap, " + groups[i] + " group(s)", Stats.mean(gap),
                        groups[i] == 1 ? "reference" : "smaller (less overfitting)", "accuracy"));
            }
        }
        boolean holds = below.isEmpty();
        String rule = String.format(Locale.ROOT, "Rule: every grouped network (2, 4, 8 groups) reaches at least the"
                + " full network's mean test accuracy minus one standard deviation over seeds (%.3f). ", bar);
        String finding = holds ? rule + "It does: with fewer parameters the grouped networks are as good as the full"
                + " one. " + table + ". Setting: " + setting + "."
                : rule + "Below it: " + String.join(", ", below) + ". " + table + ". Setting: " + setting
                + "; the article's evidence is AlexNet and Deep Roots' ImageNet/CIFAR networks trained to"
                + " convergence.";
        return Claim.of("better-model", QUOTE_BETTER, "Section 6.3: grouped convolution can give an equal or"
                        + " better model with fewer parameters (less overfitting, a regularising effect)",
                holds ? Verdict.CONFIRMED : Verdict.NOT_REPRODUCED, finding).withFigures(figures);
    }

    static String headline(GroupedExperiment.ParameterCounts c, RootsStudy roots, GroupTiming.Result t) {
        return String.format(Locale.ROOT, "2 groups: %.2f of the weights; block scores %s (2-16 groups, p max"
                + " %s); test accuracy 1 group %s; concurrent speed-up %s (BLAS 1 thread)",
                (double) c.grouped()[0] / c.full(), meanScores(roots, RootsStudy.Run::score),
                Stats.join(new double[] {Arrays.stream(maxPValues(roots)).max().orElse(1)}, 3),
                Stats.meanSd(roots.overSeeds(0, RootsStudy.Run::testAccuracy), 3), Stats.join(t.speedUps()[1], 2));
    }

    static String explanation(String setting, GroupTiming.Result t, double load) {
        return "Six sentences of section 6 are checked one by one (see the claims ledger): the parameter count,"
                + " the block-diagonal weight, the parallel paths, the block-diagonal correlation of adjacent"
                + " layers (measured as Deep Roots did: ZCA-whitened responses of the 1x1 layer and of the grouped"
                + " layer at the same pixel of test images, a relabelling null per group count, the 1-group network"
                + " scored with each partition as control), whether that structure is learned (the score at"
                + " initialisation beside the trained one) and section 6.3's better model at a matched training"
                + " budget. Setting: " + setting + ".";
    }

    private static String meanScores(RootsStudy roots, java.util.function.ToDoubleFunction<RootsStudy.Run> f) {
        double[] m = new double[roots.plan.groups().length - 1];
        for (int i = 1; i < roots.plan.groups().length; i++) {
            m[i - 1] = Stats.mean(roots.overSeeds(i, f));
        }
        return Stats.join(m, 2);
    }

    private static String meanControl(RootsStudy roots) {
        double[] m = new double[roots.plan.groups().length - 1];
        for (int i = 1; i < roots.plan.groups().length; i++) {
            double sum = 0;
            for (int s = 0; s < roots.plan.seeds(); s++) {
                sum += roots.control[s][i];
            }
            m[i - 1] = sum / roots.plan.seeds();
        }
        return Stats.join(m, 2);
    }

    private static double[] maxPValues(RootsStudy roots) {
        double[] m = new double[roots.plan.groups().length - 1];
        for (int i = 1; i < roots.plan.groups().length; i++) {
            m[i - 1] = Arrays.stream(roots.overSeeds(i, r -> r.nullTest().p())).max().orElse(1);
        }
        return m;
    }

    private static String maxP(RootsStudy roots) {
        return Stats.join(maxPValues(roots), 3);
    }
}
