package org.convlab.experiments.separable;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a computation with ND4J's native threads (OpenMP and BLAS) limited, restoring the previous
 * settings afterwards. On the shared, loaded 2-core machine the default two spinning OpenMP threads
 * made small convolutions up to ten times slower than one thread; one thread also makes the timing
 * comparison steadier.
 */
final class NativeThreads {
    private NativeThreads() {
    }

    static <T> T limited(int threads, Supplier<T> body) {
        var env = Nd4j.getEnvironment();
        var blas = Nd4j.factory().blas();
        int maxThreads = env.maxThreads();
        int masterThreads = env.maxMasterThreads();
        int blasThreads = blas.getMaxThreads();
        env.setMaxThreads(threads);
        env.setMaxMasterThreads(threads);
        blas.setMaxThreads(threads);
        try {
            return body.get();
        } finally {
            env.setMaxThreads(maxThreads);
            env.setMaxMasterThreads(masterThreads);
            blas.setMaxThreads(blasThreads);
        }
    }
}
