package org.convlab.cli.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convlab.io.AtomicFiles;

/**
 * The settings of a training run that its checkpoint does not hold but a resumed run must repeat to
 * continue bit for bit (batch size, momentum, the data slice), with the others for the record.
 * Kept as {@value #FILE} beside the checkpoint.
 */
record TrainSettings(String model, String data, String optimizer, double learningRate, double momentum, int batch,
        long seed, Integer limit) {
    static final String FILE = "train-settings.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    void write(Path dir) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(this);
        AtomicFiles.write(dir.resolve(FILE), out -> out.write(bytes));
    }

    /** The settings in {@code dir}, or null when there are none. */
    static TrainSettings read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), TrainSettings.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CommandFailure(file + ": not valid training settings (" + e.getOriginalMessage() + ")", e);
        }
    }
}
