package org.convlab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Runs the groups of a grouped convolution one after another, or concurrently on a pool; the results are the same. */
final class Groups {
    private Groups() {
    }

    /**
     * Calls {@code body} for group 0 .. groups-1: in this thread when {@code pool} is null or there is
     * one group, else concurrently on {@code pool}, waiting for all. A group's runtime exception is
     * rethrown as it is; {@code who} names the caller in any other failure.
     */
    static void forEach(ExecutorService pool, int groups, IntConsumer body, String who) {
        if (pool == null || groups == 1) {
            for (int grp = 0; grp < groups; grp++) {
                body.accept(grp);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(groups);
        for (int grp = 0; grp < groups; grp++) {
            int group = grp;
            futures.add(pool.submit(() -> body.accept(group)));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(who + ": interrupted while running groups", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
