package org.convlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.convlab.bench.StepProfile;
import org.convlab.bench.TrainingThroughput;
import org.convlab.io.ModelConfig;
import org.convlab.nn.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code convlab bench-training}: training throughput (images per second) and resident-memory
 * growth of the small CNN, as a benchmark rather than a timed test.
 */
@Command(name = "bench-training", mixinStandardHelpOptions = true,
        description = {"Measure small-CNN training (or --model) on Fashion-MNIST: images/s and resident-memory growth.",
            "Batch 64, Adam, FLOAT; --profile adds a per-layer table; the results go to bench-training.json in --out."})
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

    @Option(names = "--model", paramLabel = "FILE",
            description = "A model JSON file (org.convlab.io.ModelConfig) for 1x28x28 images and 10 classes "
                    + "instead of the built-in small CNN.")
    Path model;

    @Option(names = "--profile", description = "Also print where the milliseconds of one step go: every layer's "
            + "forward and backward, the loss, the optimizer, the batch, the allocation.")
    boolean profile;

    @Option(names = "--profile-steps", paramLabel = "N", defaultValue = "100",
            description = "Steps measured by --profile, after as many warm-up steps as a fifth of them "
                    + "(default: ${DEFAULT-VALUE}).")
    int profileSteps;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report",
            description = "Directory for bench-training.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (earlyStep >= steps || window < 1 || batch < 1 || profileSteps < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--early-step must be below --steps, --window, --batch and --profile-steps at least 1");
        }
        Files.createDirectories(out);
        if (profile) {
            StepProfile.Result p = TrainingThroughput.profile(newModel(), batch, Math.max(1, profileSteps / 5),
                    profileSteps, 42);
            System.out.print(StepProfile.table(p));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(out.resolve("bench-training-profile.json").toFile(), p);
        }
        TrainingThroughput.Result r = TrainingThroughput.run(newModel(), steps, batch, window, earlyStep, 42);
        System.out.printf(Locale.ROOT, "throughput: median %.0f images/s over %d windows of %d steps (batch %d); "
                + "windows: %s%n", r.medianImagesPerSecond(), r.windowImagesPerSecond().length - 1, window, batch,
                Arrays.toString(Arrays.stream(r.windowImagesPerSecond()).mapToLong(Math::round).toArray()));
        System.out.printf(Locale.ROOT, "resident memory: %d kB at step %d, %d kB at step %d: growth %.1f%%%n",
                r.rssEarlyKb(), r.earlyStep(), r.rssLateKb(), r.lateStep(), 100 * r.rssGrowth());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("bench-training.json").toFile(), r);
        return 0;
    }

    /** A fresh model each time, so that the profile's steps do not change the benchmark's start. */
    private Sequential newModel() throws IOException {
        return model == null ? TrainingThroughput.smallCnn(42) : ModelConfig.read(model).build();
    }
}
