package org.convlab.train;

import org.convlab.optim.schedule.LearningRateSchedule;

/**
 * Sets the optimizer's learning rate from a {@link LearningRateSchedule} before every step (with
 * {@code t} = steps applied so far) or at the start of every epoch ({@code t} = the epoch). The
 * rate depends on the counter alone, so a resumed run gets the same rates.
 */
public final class LearningRateScheduling implements Callback {
    /** What the schedule's counter {@code t} counts. */
    public enum Unit { STEP, EPOCH }

    private final LearningRateSchedule schedule;
    private final double baseLearningRate;
    private final Unit unit;

    public LearningRateScheduling(LearningRateSchedule schedule, double baseLearningRate, Unit unit) {
        this.schedule = schedule;
        this.baseLearningRate = baseLearningRate;
        this.unit = unit;
    }

    @Override
    public void onEpochStart(Trainer trainer) {
        if (unit == Unit.EPOCH) {
            schedule.apply(trainer.optimizer(), baseLearningRate, trainer.epoch());
        }
    }

    @Override
    public void beforeStep(Trainer trainer) {
        if (unit == Unit.STEP) {
            schedule.apply(trainer.optimizer(), baseLearningRate, Math.toIntExact(trainer.step()));
        }
    }
}
