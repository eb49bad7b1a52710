package org.convlab.experiments;

/** Progress that shows nothing; used when the output is not a terminal. */
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
