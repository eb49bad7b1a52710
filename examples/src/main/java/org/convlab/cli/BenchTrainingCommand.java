package org.convlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.convlab.bench.TrainingThroughput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code convlab bench-training}: training throughput (images per second) and resident-memory
 * growth of the small CNN, as a benchmark rather than a timed test.
 */
@Command(name = "bench-training", mixinStandardHelpOptions = true,
        description = {"Measure small-CNN training on Fashion-MNIST: images/s and resident-memory growth.",
            "Batch 64, Adam, FLOAT; the results go to bench-training.json in --out."})
final class BenchTrainingCommand implements Callable<Integer> {

    @Option(names = "--steps", paramLabel = "N", defaultValue = "3000",
            description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--early-step", paramLabel = "N", defaultValue = "500",
            description = "Step whose resident memory is the baseline for the growth (default: ${DEFAULT-VALUE}).")
    int earlyStep;

    @Option(names = "--window", paramLabel = "N", defaultValue = "50",
            description = "Steps per throughput window; the median window is reported (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report",
            description = "Directory for bench-training.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (earlyStep >= steps || window < 1 || batch < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--early-step must be below --steps, --window and --batch at least 1");
        }
        Files.createDirectories(out);
        TrainingThroughput.Result r = TrainingThroughput.run(steps, batch, window, earlyStep, 42);
        System.out.printf(Locale.ROOT, "throughput: median %.0f images/s over %d windows of %d steps (batch %d); "
                + "windows: %s%n", r.medianImagesPerSecond(), r.windowImagesPerSecond().length - 1, window, batch,
                Arrays.toString(Arrays.stream(r.windowImagesPerSecond()).mapToLong(Math::round).toArray()));
        System.out.printf(Locale.ROOT, "resident memory: %d kB at step %d, %d kB at step %d: growth %.1f%%%n",
                r.rssEarlyKb(), r.earlyStep(), r.rssLateKb(), r.lateStep(), 100 * r.rssGrowth());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("bench-training.json").toFile(), r);
        return 0;
    }
}
