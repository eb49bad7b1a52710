package org.convlab.train;

/**
 * Stops training when a monitored value has not improved for {@code patience} epochs: after an
 * epoch, if the best value so far (lowest for {@link Goal#MINIMIZE}, highest for
 * {@link Goal#MAXIMIZE}, improvements smaller than {@code minDelta} not counting) is
 * {@code patience} or more epochs old. The decision is read from the history alone, so it survives a
 * checkpoint restart.
 */
public final class EarlyStopping implements Callback {
    /** Whether smaller or larger values are better. */
    public enum Goal { MINIMIZE, MAXIMIZE }

    private final String monitor;
    private final int patience;
    private final Goal goal;
    private final double minDelta;

    /** Minimises a loss ({@code "loss"}, {@code "val_loss"}) or maximises any other value. */
    public EarlyStopping(String monitor, int patience) {
        this(monitor, patience, monitor.endsWith("loss") ? Goal.MINIMIZE : Goal.MAXIMIZE, 0);
    }

    /**
     * @param monitor a key of {@link EpochRecord#value(String)}, e.g. {@code "val_accuracy"}
     */
    public EarlyStopping(String monitor, int patience, Goal goal, double minDelta) {
        if (patience < 1) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 1, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("EarlyStopping: minDelta must be >= 0, got " + minDelta);
        }
        this.monitor = monitor;
        this.patience = patience;
        this.goal = goal;
        this.minDelta = minDelta;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochRecord record) {
        if (record.value(monitor) == null) {
            throw new IllegalArgumentException("EarlyStopping: the history has no value '" + monitor
                    + "' (known: loss, val_loss, and the metric names with and without 'val_')");
        }
        double[] values = trainer.history().series(monitor);
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (improves(values[i], values[best])) {
                best = i;
            }
        }
        if (values.length - 1 - best >= patience) {
            trainer.requestStop();
        }
    }

    private boolean improves(double candidate, double best) {
        if (Double.isNaN(best)) {
            return !Double.isNaN(candidate);
        }
        return goal == Goal.MINIMIZE ? candidate < best - minDelta : candidate > best + minDelta;
    }
}
