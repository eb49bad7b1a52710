package org.convlab.train;

/**
 * Training produced a NaN or infinite loss or gradient. The step was not applied: the parameters
 * and buffers are those after the last good step.
 */
public final class TrainingDivergedException extends RuntimeException {
    private final int epoch;
    private final long step;
    private final String layer;
    private final String parameter;

    TrainingDivergedException(String message, int epoch, long step, String layer, String parameter, Throwable cause) {
        super(message, cause);
        this.epoch = epoch;
        this.step = step;
        this.layer = layer;
        this.parameter = parameter;
    }

    /** The epoch (from 0) in which training diverged. */
    public int epoch() {
        return epoch;
    }

    /** The global step (from 0: the number of steps applied before) that was refused. */
    public long step() {
        return step;
    }

    /** The first layer whose gradient was not finite, as {@code "index name"}; null for a non-finite loss. */
    public String layer() {
        return layer;
    }

    /** That layer's parameter; null for a non-finite loss. */
    public String parameter() {
        return parameter;
    }
}
