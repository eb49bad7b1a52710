package org.convlab.train;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads the batches of another {@link BatchSource} on a background thread, up to {@code depth}
 * batches ahead of the training step, so that assembling a batch (selecting the rows, converting,
 * normalising: whatever the wrapped source does in its iterator) overlaps the step before it.
 *
 * <pre>{@code
 * BatchSource train = PrefetchingBatchSource.of(BatchSource.of(batches::epoch, convert), 2);
 * }</pre>
 *
 * <ul>
 * <li>Order: one reader thread per epoch walks the wrapped epoch in order into a FIFO queue, so the
 *     batches arrive exactly as the wrapped source gives them (the same seed, the same batches).</li>
 * <li>Errors: an exception thrown by the wrapped source is thrown by {@code hasNext}/{@code next}
 *     on the training thread, at the position where it happened.</li>
 * <li>Shutdown: the epoch's iterator is {@link AutoCloseable}; closing it (the {@link Trainer} does,
 *     also when a step throws; {@link #close(Iterator)} for any iterator) stops the reader. The
 *     reader is a daemon thread and stops by itself at the end of the epoch.</li>
 * </ul>
 * The wrapped source must be safe to iterate on another thread: it must not read the model or
 * other state that the training step changes.
 */
public final class PrefetchingBatchSource implements BatchSource {
    private final BatchSource source;
    private final int depth;

    private PrefetchingBatchSource(BatchSource source, int depth) {
        this.source = source;
        this.depth = depth;
    }

    /** Prefetches up to {@code depth} (at least 1) batches of {@code source}. */
    public static PrefetchingBatchSource of(BatchSource source, int depth) {
        if (source == null) {
            throw new IllegalArgumentException("PrefetchingBatchSource: expected a source, got null");
        }
        if (depth < 1) {
            throw new IllegalArgumentException("PrefetchingBatchSource: depth must be at least 1, got " + depth);
        }
        return new PrefetchingBatchSource(source, depth);
    }

    @Override
    public Iterable<MiniBatch> epoch(int epoch, long epochSeed) {
        return () -> new Reader(source.epoch(epoch, epochSeed), depth, epoch);
    }

    /** Starts where the source starts a resumed epoch, so a source that can begin anywhere draws nothing twice. */
    @Override
    public Iterator<MiniBatch> batches(int epoch, long epochSeed, int firstBatch) {
        if (firstBatch == 0) {
            return epoch(epoch, epochSeed).iterator();
        }
        Iterator<MiniBatch> rest = source.batches(epoch, epochSeed, firstBatch);
        return new Reader(() -> rest, depth, epoch);
    }

    @Override
    public int batchesPerEpoch() {
        return source.batchesPerEpoch();
    }

    /** Closes {@code batches} if it is {@link AutoCloseable} (a prefetching epoch); otherwise does nothing. */
    public static void close(Iterator<?> batches) {
        if (batches instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("closing the batch iterator failed", e);
            }
        }
    }

    /** What the reader puts in the queue: a batch, the end of the epoch, or the source's error. */
    private record Item(MiniBatch batch, RuntimeException error) {
        static final Item END = new Item(null, null);
    }

    /** One epoch: the reader thread and the consumer's iterator over its queue. */
    private static final class Reader implements Iterator<MiniBatch>, AutoCloseable {
        private final BlockingQueue<Item> queue;
        private final Thread thread;
        private volatile boolean closed;
        private Item next;

        Reader(Iterable<MiniBatch> batches, int depth, int epoch) {
            this.queue = new ArrayBlockingQueue<>(depth);
            this.thread = new Thread(() -> read(batches), "convlab-prefetch-epoch-" + epoch);
            thread.setDaemon(true);
            thread.start();
        }

        private void read(Iterable<MiniBatch> batches) {
            try {
                for (MiniBatch b : batches) {
                    if (!offer(new Item(b, null))) {
                        return;
                    }
                }
                offer(Item.END);
            } catch (RuntimeException e) {
                offer(new Item(null, e));
            } catch (Error e) {
                offer(new Item(null, new IllegalStateException("reading batches failed: " + e, e)));
            }
        }

        /** Waits for room; false once the consumer has closed the epoch. */
        private boolean offer(Item item) {
            try {
                while (!closed) {
                    if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                if (closed) {
                    return false;
                }
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close();
                    throw new IllegalStateException("interrupted while waiting for the next batch", e);
                }
            }
            if (next.error() != null) {
                RuntimeException e = next.error();
                close();
                throw e;
            }
            return next != Item.END;
        }

        @Override
        public MiniBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the epoch has no more batches");
            }
            MiniBatch b = next.batch();
            next = null;
            return b;
        }

        /** Stops the reader and waits for it. */
        @Override
        public void close() {
            closed = true;
            thread.interrupt();
            queue.clear();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
