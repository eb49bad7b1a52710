package org.convlab.experiments;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one experiment found: the claim it tested, its verdict and why, the numbers next to the
 * article's, and the charts it drew. Immutable; serialised as is into {@code results.json}.
 *
 * @param id the experiment's id
 * @param title the experiment's title
 * @param claim the claim in English
 * @param articleQuote the article's sentences in Chinese
 * @param verdict the conclusion
 * @param headline one line for the console and the verdict table
 * @param explanation why this verdict: what was measured, and what is true when the article is not
 * @param claims the sentences of the article checked, each with its own verdict (the claims ledger);
 *     the headline verdict summarises them by {@link Verdict#SUMMARY_RULE}; empty for an experiment
 *     that failed before checking any
 * @param figures measured values next to the article's
 * @param charts chart files relative to the output directory, e.g. {@code charts/dilated-rf.png}
 * @param captions for a chart file, what it shows and how to read it; a chart without one is shown
 *     with its file name
 * @param seed the random seed the experiment ran with
 * @param durationSeconds wall-clock time of {@link Experiment#run}
 * @param quick whether it ran with the small {@code --quick} budgets
 */
public record ExperimentResult(
        String id,
        String title,
        String claim,
        String articleQuote,
        Verdict verdict,
        String headline,
        String explanation,
        List<Claim> claims,
        List<Figure> figures,
        List<String> charts,
        Map<String, String> captions,
        long seed,
        double durationSeconds,
        boolean quick) {

    public ExperimentResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(verdict, "verdict");
        title = Objects.requireNonNullElse(title, "");
        claim = Objects.requireNonNullElse(claim, "");
        articleQuote = Objects.requireNonNullElse(articleQuote, "");
        headline = Objects.requireNonNullElse(headline, "");
        explanation = Objects.requireNonNullElse(explanation, "");
        claims = claims == null ? List.of() : List.copyOf(claims);
        figures = figures == null ? List.of() : List.copyOf(figures);
        charts = charts == null ? List.of() : List.copyOf(charts);
        captions = captions == null ? Map.of() : Map.copyOf(captions);
    }

    /** The caption of a chart file, or of the chart of the same name in another format; empty when none. */
    public String caption(String chart) {
        String caption = captions.get(chart);
        if (caption == null) {
            String stem = chart.replaceFirst("\\.[a-z]+$", "");
            caption = captions.entrySet().stream()
                    .filter(e -> e.getKey().replaceFirst("\\.[a-z]+$", "").equals(stem))
                    .map(Map.Entry::getValue).findFirst().orElse("");
        }
        return caption;
    }

    /**
     * The figure whose name starts with {@code namePrefix} (the first, in order).
     *
     * @throws IllegalArgumentException naming the prefix and the figures there are, when none matches
     */
    public Figure figure(String namePrefix) {
        return figures.stream().filter(f -> f.name().startsWith(namePrefix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure named '" + namePrefix + "...' in result '"
                        + id + "'; figures: " + figures.stream().map(Figure::name).toList()));
    }

    /** The claim with this id. @throws IllegalArgumentException naming the claims there are, when none */
    public Claim claimCheck(String claimId) {
        return claims.stream().filter(c -> c.id().equals(claimId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no claim '" + claimId + "' in result '" + id
                        + "'; claims: " + claims.stream().map(Claim::id).toList()));
    }

    /** A builder with the experiment's id, title, claim and quote filled in. */
    public static ResultBuilder builder(Experiment experiment) {
        return new ResultBuilder()
                .id(experiment.id())
                .title(experiment.title())
                .claim(experiment.claim())
                .articleQuote(experiment.articleQuote());
    }

    /** A builder filled with every field of this result, to derive a changed copy. */
    public ResultBuilder toBuilder() {
        ResultBuilder builder = new ResultBuilder()
                .id(id).title(title).claim(claim).articleQuote(articleQuote)
                .verdict(verdict).headline(headline).explanation(explanation)
                .seed(seed).durationSeconds(durationSeconds).quick(quick);
        claims.forEach(builder::check);
        figures.forEach(builder::figure);
        charts.forEach(builder::chart);
        captions.forEach(builder::caption);
        return builder;
    }
}
