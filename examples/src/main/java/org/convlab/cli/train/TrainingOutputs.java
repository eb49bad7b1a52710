package org.convlab.cli.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.convlab.charts.Charts;
import org.convlab.charts.LineSeries;
import org.convlab.io.AtomicFiles;
import org.convlab.train.Callback;
import org.convlab.train.EpochRecord;
import org.convlab.train.History;
import org.convlab.train.Trainer;

/**
 * After every epoch, {@value #HISTORY} and the loss and accuracy charts ({@code charts/train-loss},
 * {@code charts/train-accuracy}, PNG and SVG) in the output directory, so that a run stopped at any
 * point has them up to its last checkpoint.
 */
final class TrainingOutputs implements Callback {
    static final String HISTORY = "history.json";

    private final Path dir;

    TrainingOutputs(Path dir) {
        this.dir = dir;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochRecord record) {
        try {
            write(trainer.history());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training outputs to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes the history and its charts; returns the chart files, relative to the output directory. */
    List<String> write(History history) throws IOException {
        byte[] json = history.toJson().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(HISTORY), out -> out.write(json));
        Charts charts = new Charts(dir.resolve("charts"), "charts", "train");
        List<String> files = new ArrayList<>();
        files.addAll(charts.line("loss", "Cross-entropy loss per epoch", "epoch", "loss",
                List.of(LineSeries.ofSteps("train", history.series("loss")),
                        LineSeries.ofSteps("test", history.series("val_loss"))), false));
        files.addAll(charts.line("accuracy", "Accuracy per epoch", "epoch", "accuracy",
                List.of(LineSeries.ofSteps("train", history.series("accuracy")),
                        LineSeries.ofSteps("test", history.series("val_accuracy"))), false));
        return files;
    }
}
