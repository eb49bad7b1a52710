package org.convlab.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.convlab.train.Callback;
import org.convlab.train.EpochRecord;
import org.convlab.train.Trainer;

/**
 * Saves a {@link Checkpoint} of the trainer's model, optimizer and state every {@code epochs}
 * epochs, replacing the file atomically (the previous checkpoint survives a failed save).
 */
public final class CheckpointEvery implements Callback {
    private final int epochs;
    private final Path file;

    public CheckpointEvery(int epochs, Path file) {
        if (epochs < 1) {
            throw new IllegalArgumentException("CheckpointEvery: epochs must be >= 1, got " + epochs);
        }
        this.epochs = epochs;
        this.file = file;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochRecord record) {
        if (trainer.epoch() % epochs == 0) {
            try {
                Checkpoint.save(file, trainer.model(), trainer.optimizer(), trainer.state());
            } catch (IOException e) {
                throw new UncheckedIOException("CheckpointEvery: cannot save " + file, e);
            }
        }
    }
}
