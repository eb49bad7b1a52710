package org.convlab.train;

/**
 * Where a run stands, as a checkpoint keeps it: the number of completed epochs and optimizer steps
 * the trainer has counted, the seed its epoch seeds derive from, and the history so far.
 */
public record TrainingState(int epoch, long step, long seed, History history) {
}
