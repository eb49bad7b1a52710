package org.convlab.experiments;

import java.util.Collection;

/** What an experiment concluded about the article's claim. */
public enum Verdict {
    /** The measurement agrees with what the article states. */
    CONFIRMED("the measurement agrees with the article"),
    /** The measurement contradicts the article; the explanation says what is true instead. */
    REFUTED("the measurement contradicts the article; the explanation says what is true instead"),
    /**
     * An emergent effect the article reports from a different setting (data, scale, architecture)
     * did not appear in ours; the explanation says how the settings differ.
     */
    NOT_REPRODUCED("an effect the article reports from a different setting did not appear in ours;"
            + " the explanation says how the settings differ"),
    /** The software did not manage to test the claim (an error, a missing layer, a timeout). */
    FAILED("the software did not manage to test the claim");

    private final String meaning;

    Verdict(String meaning) {
        this.meaning = meaning;
    }

    /**
     * How an experiment's headline verdict follows from its claims, for the report: the rule of
     * {@link #summarise}.
     */
    public static final String SUMMARY_RULE = "An experiment's headline verdict is the worst verdict of its"
            + " substantive claims, in the order FAILED, REFUTED, NOT_REPRODUCED, CONFIRMED; errata (slips of"
            + " the text: a wrong number, a false step of reasoning) have their own REFUTED rows but do not"
            + " decide the headline.";

    /**
     * The headline verdict of a list of claims by {@link #SUMMARY_RULE}; FAILED when there is no
     * substantive claim to summarise.
     */
    public static Verdict summarise(Collection<Claim> claims) {
        Verdict worst = null;
        for (Claim c : claims) {
            if (c.verdict() == FAILED) {
                return FAILED;
            }
            if (!c.erratum() && (worst == null || c.verdict().severity() > worst.severity())) {
                worst = c.verdict();
            }
        }
        return worst == null ? FAILED : worst;
    }

    // FAILED > REFUTED > NOT_REPRODUCED > CONFIRMED
    private int severity() {
        return switch (this) {
            case CONFIRMED -> 0;
            case NOT_REPRODUCED -> 1;
            case REFUTED -> 2;
            case FAILED -> 3;
        };
    }

    /** One line saying what this verdict means, for the report's legend. */
    public String meaning() {
        return meaning;
    }
}
