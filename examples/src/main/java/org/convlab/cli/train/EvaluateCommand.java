package org.convlab.cli.train;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.convlab.charts.Charts;
import org.convlab.data.DataSet;
import org.convlab.data.fashion.FashionMnist;
import org.convlab.io.Checkpoint;
import org.convlab.io.IoErrors;
import org.convlab.nn.Sequential;
import org.convlab.report.Plural;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code convlab evaluate}: a checkpoint's accuracy and confusion matrix on the Fashion-MNIST test split. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a trained model on the Fashion-MNIST test split.",
            "Prints the accuracy and the confusion matrix, then draws it (class names on the axes, counts in the "
                    + "cells) as charts/evaluate-confusion.png and .svg; a chart that cannot be written is only a warning."})
public final class EvaluateCommand extends ModelCommand {

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE|DIR",
            description = "A checkpoint file, or the --out directory of 'convlab train'.")
    Path checkpoint;

    @Option(names = "--data", defaultValue = FashionData.DEFAULT, paramLabel = "fashion-mnist|shipped|DIR",
            description = "The data: " + FashionData.DESCRIPTION + " (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the charts/ directory goes (default: the checkpoint's directory).")
    Path out;

    @Option(names = "--batch", defaultValue = "500", paramLabel = "N",
            description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--limit", hidden = true, paramLabel = "N", description = "Only the first N test images (for tests).")
    Integer limit;

    @Override
    int execute() throws Exception {
        if (batch < 1) {
            throw usage("--batch must be >= 1, got " + batch);
        }
        if (limit != null && limit < 1) {
            throw usage("--limit must be >= 1, got " + limit);
        }
        Path file = ModelFiles.checkpointFile(checkpoint);
        Checkpoint cp = Checkpoint.read(file);
        Sequential model = cp.buildModel();
        ModelFiles.requireClassifier(model, FashionMnist.NUM_CLASSES);
        FashionMnist fm = FashionData.load(data);
        DataSet test = FashionData.head(fm.test(cp.config().dataType()), limit);

        ConfusionMatrix matrix = ConfusionMatrix.of(model, FashionData.inOrder(test, batch), FashionMnist.CLASS_NAMES);
        // The result first: a chart that cannot be written must not cost the evaluation.
        PrintWriter o = spec.commandLine().getOut();
        int epochs = cp.trainingState().epoch();
        o.printf(Locale.ROOT, "accuracy %.2f%% (%d of %d test images, model trained %s, data: %s)%n",
                100 * matrix.accuracy(), matrix.correct(), matrix.total(), Plural.of(epochs, "epoch"), fm.source());
        o.print(matrix.table());
        o.flush();

        Path dir = out != null ? out : file.toAbsolutePath().getParent();
        try {
            List<String> charts = new Charts(dir.resolve("charts"), "charts", "evaluate").confusion("confusion",
                    "Confusion matrix (test split)", matrix.classNames(), matrix.counts());
            o.println("wrote " + String.join(", ", charts.stream().map(c -> dir.resolve(c).toString()).toList()));
            o.flush();
        } catch (UncheckedIOException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("evaluate: warning: the confusion chart was not written to " + dir.resolve("charts") + ": "
                    + IoErrors.directoryReason(e.getCause()));
            err.flush();
        }
        return 0;
    }
}
