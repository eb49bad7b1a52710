package org.convlab.train;

/**
 * Where a run stands, as a checkpoint keeps it: the number of completed epochs and optimizer steps
 * the trainer has counted, the seed its epoch seeds derive from, the history so far, and how far it
 * got into the epoch after the completed ones ({@code null} at an epoch boundary).
 */
public record TrainingState(int epoch, long step, long seed, History history, EpochProgress epochProgress) {

    /** A state at an epoch boundary. */
    public TrainingState(int epoch, long step, long seed, History history) {
        this(epoch, step, seed, history, null);
    }

    /** True when the run stopped inside an epoch. */
    public boolean midEpoch() {
        return epochProgress != null && epochProgress.batches() > 0;
    }
}
