package org.convlab.experiments;

import java.util.List;
import java.util.Objects;

/**
 * One sentence of the article and what the measurement says about it: the unit of the report's
 * claims ledger. An experiment checks several; its headline verdict summarises them by
 * {@link Verdict#summarise}.
 *
 * @param id short stable name, unique within the experiment, e.g. {@code block-diagonal}
 * @param quote the article's sentence, in Chinese, as quoted
 * @param statement what the sentence claims, in English
 * @param verdict the measurement's answer
 * @param finding what was measured; for REFUTED what is true instead, for NOT_REPRODUCED how the
 *     setting differs, for FAILED what went wrong
 * @param figures the measured figures the verdict rests on, beside the article's
 * @param chart the evidence chart (a file of the result's charts), or empty
 * @param erratum whether the sentence is a slip of the text (a wrong number, a false step of
 *     reasoning) rather than one of its substantive claims
 */
public record Claim(String id, String quote, String statement, Verdict verdict, String finding,
        List<Figure> figures, String chart, boolean erratum) {

    public Claim {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(verdict, "verdict");
        quote = Objects.requireNonNullElse(quote, "");
        statement = Objects.requireNonNullElse(statement, "");
        finding = Objects.requireNonNullElse(finding, "");
        figures = figures == null ? List.of() : List.copyOf(figures);
        chart = Objects.requireNonNullElse(chart, "");
    }

    /** A substantive claim with its verdict and finding; add figures and a chart with the withers. */
    public static Claim of(String id, String quote, String statement, Verdict verdict, String finding) {
        return new Claim(id, quote, statement, verdict, finding, List.of(), "", false);
    }

    /** A slip of the text: REFUTED when the measurement contradicts it, CONFIRMED in the unlikely other case. */
    public static Claim erratum(String id, String quote, String statement, boolean holds, String finding) {
        return new Claim(id, quote, statement, holds ? Verdict.CONFIRMED : Verdict.REFUTED, finding, List.of(), "",
                true);
    }

    public Claim withFigures(Figure... more) {
        return new Claim(id, quote, statement, verdict, finding, List.of(more), chart, erratum);
    }

    public Claim withFigures(List<Figure> more) {
        return new Claim(id, quote, statement, verdict, finding, more, chart, erratum);
    }

    /** The evidence chart: one of the result's chart files (the PNG when there are several formats). */
    public Claim withChart(String file) {
        return new Claim(id, quote, statement, verdict, finding, figures, file, erratum);
    }

    /** The evidence chart from a list of written files (as the {@code Charts} methods return): its PNG. */
    public Claim withChart(List<String> files) {
        return withChart(files.stream().filter(f -> f.endsWith(".png")).findFirst()
                .orElse(files.isEmpty() ? "" : files.get(0)));
    }
}
