package org.convlab.experiments;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress drawn as a bar on the terminal (standard error), through me.tongfei's progress bar. */
final class TerminalProgress implements Progress {

    private final ProgressBar bar;

    TerminalProgress(String task, long total) {
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .build();
    }

    @Override
    public void step() {
        bar.step();
    }

    @Override
    public void setExtra(String extra) {
        bar.setExtraMessage(extra);
    }

    @Override
    public void close() {
        bar.close();
    }
}
