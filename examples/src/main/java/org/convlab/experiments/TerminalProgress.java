package org.convlab.experiments;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress drawn as a bar on the terminal (standard error), through me.tongfei's progress bar, with
 * the status and a labelled time left ("ETA 0:42") instead of the library's unlabelled pair.
 */
final class TerminalProgress implements Progress {

    private final ProgressBar bar;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private String extra = "";

    TerminalProgress(String task, long total) {
        this.total = total;
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .hideEta()
                .build();
    }

    @Override
    public void step() {
        done++;
        bar.step();
        show();
    }

    @Override
    public void setExtra(String extra) {
        this.extra = extra == null ? "" : extra;
        show();
    }

    private void show() {
        String eta = "";
        if (done > 0 && total > done) {
            long seconds = Math.round((System.nanoTime() - start) / 1e9 / done * (total - done));
            eta = String.format(Locale.ROOT, "ETA %d:%02d", seconds / 60, seconds % 60);
        }
        bar.setExtraMessage(extra.isEmpty() ? eta : eta.isEmpty() ? extra : extra + ", " + eta);
    }

    @Override
    public void close() {
        bar.close();
    }
}
