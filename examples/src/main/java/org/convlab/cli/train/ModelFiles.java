package org.convlab.cli.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.convlab.io.Checkpoint;
import org.convlab.io.ModelConfig;
import org.convlab.nn.Sequential;
import org.convlab.train.ModelSummary;

/** Reading model configs and checkpoints named on the command line, with one-line errors. */
final class ModelFiles {
    /** The checkpoint's file name inside a training output directory. */
    static final String CHECKPOINT = "checkpoint.zip";

    private ModelFiles() {
    }

    static ModelConfig readConfig(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CommandFailure("model config " + file + " does not exist or is not a file");
        }
        return ModelConfig.read(file);
    }

    /** Builds the model of {@code config}; a bad layer entry is an error naming the file. */
    static Sequential build(ModelConfig config, Path file) {
        try {
            return config.build();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(file + ": " + ModelCommand.oneLine(e), e);
        }
    }

    /** A checkpoint file, or the {@value #CHECKPOINT} of a training output directory. */
    static Path checkpointFile(Path fileOrDir) {
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve(CHECKPOINT) : fileOrDir;
        if (!Files.isRegularFile(file)) {
            throw new CommandFailure("no checkpoint at " + file
                    + (Files.isDirectory(fileOrDir) ? "" : " (give a checkpoint file or the --out directory of 'convlab train')"));
        }
        return file;
    }

    static Checkpoint readCheckpoint(Path fileOrDir) throws IOException {
        return Checkpoint.read(checkpointFile(fileOrDir));
    }

    /**
     * The summary of {@code model} for one sample of {@code sampleShape} (batch axis 1 added).
     *
     * @throws CommandFailure when a layer does not accept the shape
     */
    static ModelSummary summary(Sequential model, long... sampleShape) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = 1;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        try {
            return ModelSummary.of(model, shape);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("the model does not fit the input " + Arrays.toString(shape) + ": "
                    + ModelCommand.oneLine(e), e);
        }
    }

    /** Checks that {@code model} maps a Fashion-MNIST image [1, 28, 28] to 10 class scores. */
    static void requireClassifier(Sequential model, int classes) {
        long[] out = summary(model, 1, 28, 28).outputShape();
        if (out.length != 2 || out[1] != classes) {
            throw new CommandFailure("the model maps an image [1, 1, 28, 28] to " + Arrays.toString(out)
                    + "; Fashion-MNIST needs [1, " + classes + "] class scores");
        }
    }
}
