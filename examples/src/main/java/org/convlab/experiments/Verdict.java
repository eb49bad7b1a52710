package org.convlab.experiments;

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

    /** One line saying what this verdict means, for the report's legend. */
    public String meaning() {
        return meaning;
    }
}
