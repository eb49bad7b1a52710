package org.convlab.experiments;

/** A test experiment whose run always throws. */
public final class ThrowingExperiment implements Experiment {

    public static final String MESSAGE = "the layer is not there yet";

    @Override
    public String id() {
        return "throwing";
    }

    @Override
    public String title() {
        return "Throwing experiment";
    }

    @Override
    public String claim() {
        return "Nothing; it throws.";
    }

    @Override
    public String articleQuote() {
        return "";
    }

    @Override
    public ExperimentResult run(ExperimentContext ctx) {
        throw new IllegalStateException(MESSAGE);
    }
}
