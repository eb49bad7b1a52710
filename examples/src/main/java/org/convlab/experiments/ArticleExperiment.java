package org.convlab.experiments;

import java.util.Objects;

/**
 * Base class for an experiment that checks one entry of the {@link ArticleClaim} catalogue: the
 * subclass passes its claim to the constructor and writes {@link #run} only.
 */
public abstract class ArticleExperiment implements Experiment {

    private final ArticleClaim articleClaim;

    protected ArticleExperiment(ArticleClaim articleClaim) {
        this.articleClaim = Objects.requireNonNull(articleClaim, "articleClaim");
    }

    @Override
    public final String id() {
        return articleClaim.id();
    }

    @Override
    public final String title() {
        return articleClaim.title();
    }

    @Override
    public final String claim() {
        return articleClaim.claim();
    }

    @Override
    public final String articleQuote() {
        return articleClaim.quote();
    }
}
