package org.convlab.experiments;

/**
 * One check of one claim of the article. An implementation measures, compares with what the
 * article states, and returns a verdict; the runner times it, catches its failures and puts its
 * result in the report.
 *
 * <p>Most experiments extend {@link ArticleExperiment}, which takes the id, title, claim and quote
 * from the {@link ArticleClaim} catalogue, so that only {@link #run} is left to write.
 */
public interface Experiment {

    /** Short stable identifier used on the command line, e.g. {@code dilated}. */
    String id();

    /** Human title, e.g. "Dilated convolution: receptive field for free". */
    String title();

    /** The claim under test, in one or two English sentences. */
    String claim();

    /** The article's own sentence(s) for this claim, in the original Chinese. */
    String articleQuote();

    /**
     * Runs the experiment. Throwing is allowed: the runner turns any exception into a
     * {@link Verdict#FAILED} result and goes on with the next experiment.
     */
    ExperimentResult run(ExperimentContext ctx) throws Exception;
}
