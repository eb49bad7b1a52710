package org.convlab.train;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar per epoch (me.tongfei:progressbar) showing the running loss, images/s and
 * the labelled time left in the epoch, then the epoch's line.
 */
public final class ProgressBarListener implements ProgressListener {
    private final EpochPace pace = new EpochPace(System::nanoTime);
    private int epochs;
    private int batchesPerEpoch;
    private ProgressBar bar;

    @Override
    public void onFitStart(int firstEpoch, int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
    }

    @Override
    public void onEpochStart(int epoch, int batchesDone) {
        pace.start(batchesDone);
        // The library's own ETA is an unlabelled "(elapsed / left)" pair; ours is in the message.
        bar = new ProgressBarBuilder().setTaskName("epoch " + (epoch + 1) + "/" + epochs)
                .setInitialMax(batchesPerEpoch).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .startsFrom(batchesDone, Duration.ZERO).hideEta().clearDisplayOnFinish().build();
    }

    @Override
    public void onStep(int epoch, int batch, double loss, int examples) {
        pace.step(examples);
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f, %s", loss, pace.describe(batchesPerEpoch)));
        }
    }

    @Override
    public void onEpochEnd(EpochRecord record) {
        closeBar();
        System.out.println(EpochLines.format(record, epochs));
    }

    @Override
    public void onFitEnd() {
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
