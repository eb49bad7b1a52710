package org.convlab.cli.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.convlab.train.Trainer;

/**
 * Turns Ctrl-C (SIGINT, also SIGTERM) during training into an orderly stop: the JVM's shutdown hook
 * asks the trainer to stop after the step in progress, then waits until the command has saved the
 * checkpoint and said so (it calls {@link #close()}), and only then lets the JVM exit (status 130
 * for Ctrl-C). Without this the JVM would exit in the middle of the step, with nothing saved since
 * the last epoch.
 */
final class CtrlC implements AutoCloseable {
    /** Long enough for a slow step plus the save; a JVM that hangs still ends after it. */
    private static final long MAX_WAIT_SECONDS = 120;

    private final CountDownLatch saved = new CountDownLatch(1);
    private final Thread hook;

    private CtrlC(Trainer trainer) {
        this.hook = new Thread(() -> {
            trainer.requestInterrupt();
            try {
                saved.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "convlab-ctrl-c");
    }

    /** Installs the hook for {@code trainer} until {@link #close()}. */
    static CtrlC install(Trainer trainer) {
        CtrlC c = new CtrlC(trainer);
        Runtime.getRuntime().addShutdownHook(c.hook);
        return c;
    }

    /** The work is saved (or there was nothing to save): the JVM may exit now. */
    @Override
    public void close() {
        saved.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C came: the hook is running and returns now that the latch is open.
        }
    }
}
