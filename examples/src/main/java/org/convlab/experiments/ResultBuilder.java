package org.convlab.experiments;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects an {@link ExperimentResult} piece by piece. Get one from
 * {@link ExperimentContext#result()}, which fills in the experiment's identity, seed and quick flag;
 * the runner adds the duration and the charts drawn through {@link ExperimentContext#charts()}.
 *
 * <p>Only the verdict is required. Without a headline, the first sentence of the explanation serves.
 */
public final class ResultBuilder {

    private String id;
    private String title;
    private String claim;
    private String articleQuote;
    private Verdict verdict;
    private String headline;
    private String explanation = "";
    private final List<Claim> claims = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();
    // A set: the runner adds the charts it saw drawn, which the experiment may have added already.
    private final Set<String> charts = new LinkedHashSet<>();
    private final Map<String, String> captions = new LinkedHashMap<>();
    private long seed;
    private double durationSeconds;
    private boolean quick;

    ResultBuilder() {
    }

    public ResultBuilder id(String id) {
        this.id = id;
        return this;
    }

    public ResultBuilder title(String title) {
        this.title = title;
        return this;
    }

    public ResultBuilder claim(String claim) {
        this.claim = claim;
        return this;
    }

    public ResultBuilder articleQuote(String articleQuote) {
        this.articleQuote = articleQuote;
        return this;
    }

    public ResultBuilder verdict(Verdict verdict) {
        this.verdict = verdict;
        return this;
    }

    /** One line for the console summary and the verdict table. */
    public ResultBuilder headline(String headline) {
        this.headline = headline;
        return this;
    }

    /** Why the verdict: for REFUTED say what is true instead, for NOT_REPRODUCED how the settings differ. */
    public ResultBuilder explanation(String explanation) {
        this.explanation = explanation;
        return this;
    }

    /**
     * Adds a checked sentence of the article to the claims ledger. Its figures stay with the claim
     * (the result's own figures are those added with {@link #figure}). Claim ids are unique within a result.
     */
    public ResultBuilder check(Claim claim) {
        if (claims.stream().anyMatch(c -> c.id().equals(claim.id()))) {
            throw new IllegalArgumentException("claim '" + claim.id() + "' added twice to result '" + id + "'");
        }
        claims.add(claim);
        return this;
    }

    public ResultBuilder figure(Figure figure) {
        figures.add(figure);
        return this;
    }

    /** Adds {@link Figure#measured(String, double, String)}. */
    public ResultBuilder figure(String name, double measured, String unit) {
        return figure(Figure.measured(name, measured, unit));
    }

    /** Adds {@link Figure#versus(String, double, double, String)}. */
    public ResultBuilder figure(String name, double measured, double article, String unit) {
        return figure(Figure.versus(name, measured, article, unit));
    }

    /** Adds {@link Figure#versus(String, double, String, String)}. */
    public ResultBuilder figure(String name, double measured, String articleText, String unit) {
        return figure(Figure.versus(name, measured, articleText, unit));
    }

    /** A chart file relative to the output directory, as returned by the {@code Charts} methods. */
    public ResultBuilder chart(String file) {
        charts.add(file);
        return this;
    }

    /**
     * What a chart shows and how to read it, for the report's figure caption: one or two sentences
     * ("Each curve is ...; the dashed line is ..."). The file may be any one of the chart's formats.
     */
    public ResultBuilder caption(String file, String caption) {
        captions.put(file, caption);
        return this;
    }

    public ResultBuilder charts(Collection<String> files) {
        charts.addAll(files);
        return this;
    }

    public ResultBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    public ResultBuilder durationSeconds(double durationSeconds) {
        this.durationSeconds = durationSeconds;
        return this;
    }

    public ResultBuilder quick(boolean quick) {
        this.quick = quick;
        return this;
    }

    /**
     * With claims, they decide the verdict by {@link Verdict#summarise}; an explicit verdict must then agree.
     *
     * @throws IllegalStateException when no verdict, no claim or no id was given, or the verdict
     *     contradicts the claims' summary
     */
    public ExperimentResult build() {
        if (!claims.isEmpty()) {
            Verdict summary = Verdict.summarise(claims);
            if (verdict != null && verdict != summary) {
                throw new IllegalStateException("result of '" + id + "' sets verdict " + verdict
                        + " but its claims summarise to " + summary + " (" + Verdict.SUMMARY_RULE + ")");
            }
            verdict = summary;
        }
        if (verdict == null) {
            throw new IllegalStateException("result of '" + id + "' has no verdict");
        }
        if (id == null) {
            throw new IllegalStateException("result has no id");
        }
        String line = headline != null ? headline : firstSentence(explanation);
        return new ExperimentResult(id, title, claim, articleQuote, verdict, line, explanation, claims,
                figures, List.copyOf(charts), captions, seed, durationSeconds, quick);
    }

    private static String firstSentence(String text) {
        String firstLine = text.strip().lines().findFirst().orElse("");
        int end = firstLine.indexOf(". ");
        return end < 0 ? firstLine : firstLine.substring(0, end + 1);
    }
}
