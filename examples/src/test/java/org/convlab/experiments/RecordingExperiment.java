package org.convlab.experiments;

import java.util.List;
import org.convlab.charts.LineSeries;

/** A test experiment that remembers whether it ran, draws one chart and confirms its claim. */
public final class RecordingExperiment implements Experiment {

    private final String id;
    private boolean ran;

    public RecordingExperiment(String id) {
        this.id = id;
    }

    public boolean ran() {
        return ran;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return "Recording <test> experiment";
    }

    @Override
    public String claim() {
        return "Running an experiment is observable.";
    }

    @Override
    public String articleQuote() {
        return "第一句。\n第二句。";
    }

    @Override
    public ExperimentResult run(ExperimentContext ctx) {
        ran = true;
        ctx.charts().line("trace", "A trace", "step", "value",
                List.of(LineSeries.ofSteps("values", new double[] {1, 3, 2, 5})), false);
        return ctx.result()
                .verdict(Verdict.CONFIRMED)
                .headline("it ran")
                .explanation("The experiment ran. Nothing more to say.")
                .figure("runs", 1, 1, "count")
                .build();
    }
}
