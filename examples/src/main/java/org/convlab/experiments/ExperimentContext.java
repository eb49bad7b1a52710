package org.convlab.experiments;

import java.nio.file.Path;
import org.convlab.charts.Charts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything an experiment gets from the run: the seed, the budget switch, a place and a facade for
 * charts, progress bars, a logger and a pre-filled result builder. One context per experiment.
 */
public final class ExperimentContext {

    private final Experiment experiment;
    private final RunSettings settings;
    private final Charts charts;
    private final Logger log;
    private ResultBuilder result;

    /** A context for {@code experiment}; its charts are named {@code <id>-<name>}. */
    public ExperimentContext(Experiment experiment, RunSettings settings) {
        this.experiment = experiment;
        this.settings = settings;
        this.charts = new Charts(settings.chartDir(), RunSettings.CHARTS, experiment.id());
        this.log = LoggerFactory.getLogger("convlab." + experiment.id());
    }

    /** The run's random seed; use it for every generator so that a run can be repeated. */
    public long seed() {
        return settings.seed();
    }

    /** True under {@code --quick}: use the small budgets, keep the same verdict logic. */
    public boolean quick() {
        return settings.quick();
    }

    /** {@code quickValue} under {@code --quick}, {@code fullValue} otherwise (epochs, trials, sizes). */
    public int budget(int quickValue, int fullValue) {
        return quick() ? quickValue : fullValue;
    }

    /** The directory chart files go to; {@link #charts()} writes there already. */
    public Path chartDir() {
        return settings.chartDir();
    }

    /** Draws charts into {@link #chartDir()}; the runner attaches every chart drawn to the result. */
    public Charts charts() {
        return charts;
    }

    /**
     * A progress bar for a task of {@code total} steps when on a terminal, a line every few seconds
     * otherwise ({@link Progress#forConsole}).
     */
    public Progress progress(String task, long total) {
        return Progress.forConsole(experiment.id() + " " + task, total, settings.showProgress());
    }

    /** A logger named {@code convlab.<id>}. */
    public Logger log() {
        return log;
    }

    /**
     * The experiment's result builder, with its id, title, claim, quote, seed and quick flag filled
     * in: the same builder on every call, so that the captions added where the charts are drawn and
     * the figures and verdict added later end up in one result.
     */
    public ResultBuilder result() {
        if (result == null) {
            result = ExperimentResult.builder(experiment).seed(seed()).quick(quick());
        }
        return result;
    }
}
