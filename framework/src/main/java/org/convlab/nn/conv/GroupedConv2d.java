package org.convlab.nn.conv;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A {@link Conv2d} split into {@code groups} independent convolutions — each group's filters see
 * only its own slice of the input channels, so the full weight is block-diagonal over channels.
 * With {@code .parallel(true)} the groups of each batch run concurrently on a thread pool (the
 * article's "each group on its own GPU" model parallelism, here on CPU cores); every group writes
 * its own slice of the output and of the gradients, so results are identical to the sequential run.
 */
public final class GroupedConv2d extends ConvLayer {
    private static volatile ExecutorService pool;

    private final boolean parallel;

    GroupedConv2d(ConvSpec spec, boolean parallel) {
        super(spec, false, parallel ? sharedPool() : null);
        this.parallel = parallel;
    }

    public static Builder builder(int inChannels, int outChannels, int kernel, int groups) {
        return new Builder(inChannels, outChannels, kernel, groups);
    }

    public boolean isParallel() {
        return parallel;
    }

    /** One daemon thread per core, shared by every parallel grouped layer. */
    private static ExecutorService sharedPool() {
        if (pool == null) {
            synchronized (GroupedConv2d.class) {
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
                        Thread t = new Thread(r, "convlab-groups");
                        t.setDaemon(true);
                        return t;
                    });
                }
            }
        }
        return pool;
    }

    /** The {@link Conv2d} options plus {@code parallel} (default false). */
    public static final class Builder extends ConvBuilder<Builder, GroupedConv2d> {
        private boolean parallel;

        Builder(int in, int out, int kernel, int groups) {
            super("GroupedConv2d", 2, in, out, kernel);
            groups(groups);
        }

        /** Runs the groups concurrently on a pool of one thread per core. */
        public Builder parallel(boolean parallel) {
            this.parallel = parallel;
            return this;
        }

        @Override
        public GroupedConv2d build() {
            return withEngine(new GroupedConv2d(spec(), parallel));
        }
    }
}
