package org.convlab.experiments;

/** Progress that shows nothing (tests). */
enum SilentProgress implements Progress {
    INSTANCE;

    @Override
    public void step() {
    }

    @Override
    public void setExtra(String extra) {
    }

    @Override
    public void close() {
    }
}
