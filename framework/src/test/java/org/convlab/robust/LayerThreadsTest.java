package org.convlab.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.convlab.nn.GradMode;
import org.convlab.nn.layers.Linear;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A layer keeps per-call state for backward, so two threads training it at once would silently mix
 * their gradients: the second thread is refused with a clear error instead, and the first thread's
 * forward-backward pair still gives the right gradient.
 */
class LayerThreadsTest {
    @Test
    void aSecondThreadIsRefusedWhileTheFirstThreadsForwardAwaitsItsBackward() throws Exception {
        Linear layer = Linear.builder(3, 2).seed(5).build();
        Linear reference = Linear.builder(3, 2).seed(5).build();
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3);
        INDArray g = Nd4j.rand(DataType.FLOAT, 4, 2);
        layer.forward(x); // this thread's call, awaiting its backward

        ExecutorService other = Executors.newSingleThreadExecutor(r -> new Thread(r, "second-trainer"));
        try {
            Future<Throwable> forward = other.submit(() -> attempt(() -> layer.forward(x)));
            Throwable t = forward.get();
            assertNotNull(t, "the second thread's forward must be refused");
            assertTrue(t instanceof IllegalStateException && t.getMessage().contains("used from two threads at once")
                    && t.getMessage().contains("second-trainer") && t.getMessage().contains(Thread.currentThread().getName()),
                    t.toString());
            Throwable b = other.submit(() -> attempt(() -> layer.backward(g))).get();
            assertTrue(b instanceof IllegalStateException && b.getMessage().contains("used from two threads"), String.valueOf(b));

            // The first thread's pair is intact: its gradient equals a layer used by one thread only.
            layer.backward(g);
            reference.forward(x);
            reference.backward(g);
            assertEquals(reference.parameters().get(0).grad(), layer.parameters().get(0).grad());

            // Between complete pairs the layer may move to another thread, and evaluation keeps nothing.
            assertEquals(null, other.submit(() -> attempt(() -> {
                layer.forward(x);
                layer.backward(g);
            })).get());
            try (GradMode.Scope ignored = GradMode.disabled()) {
                layer.forward(x);
            }
        } finally {
            other.shutdownNow();
        }
    }

    private static Throwable attempt(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
