package org.convlab.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.convlab.nn.Layer;
import org.convlab.nn.Sequential;
import org.convlab.nn.loss.Loss;
import org.convlab.nn.loss.SoftmaxCrossEntropy;
import org.convlab.optim.Adam;
import org.convlab.optim.Optimizer;
import org.convlab.train.BatchSource;
import org.convlab.train.MiniBatch;
import org.convlab.train.PrefetchingBatchSource;

/**
 * Where the milliseconds of one training step go: the step of the {@link org.convlab.train.Trainer}
 * (zero the gradients, forward, softmax cross-entropy, backward, Adam) run by hand so that every part
 * is timed on its own, with each layer wrapped in a {@link TimedLayer}. Also the wait for the next
 * batch on the training thread, the Java heap allocated per step and the garbage-collection time.
 * Native (off-heap) allocations are inside the times of the layers that make them.
 */
public final class StepProfile {

    /** One line of the table: a layer's forward and backward time, or a step part (backward 0). */
    public record Row(String part, double forwardMs, double backwardMs) {
        public double totalMs() {
            return forwardMs + backwardMs;
        }
    }

    /** Mean milliseconds per step over {@code steps} measured steps, after {@code warmup} steps. */
    public record Result(int batch, int warmup, int steps, List<Row> rows, double stepMs, double heapMbPerStep,
            double gcMsPerStep) {
        public double imagesPerSecond() {
            return batch * 1000.0 / stepMs;
        }
    }

    private StepProfile() {
    }

    /** Profiles {@code steps} steps of Adam (lr 1e-3) training on {@code source}, after {@code warmup} steps. */
    public static Result run(Sequential model, BatchSource source, int batch, int warmup, int steps, long seed) {
        List<TimedLayer> timed = new ArrayList<>();
        Sequential profiled = new Sequential();
        for (Layer l : model.layers()) {
            TimedLayer t = new TimedLayer(l);
            timed.add(t);
            profiled.add(t);
        }
        profiled.setTraining(true);
        Optimizer optimizer = Adam.builder(profiled.parameters()).learningRate(1e-3).build();
        Loss loss = new SoftmaxCrossEntropy();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] parts = new long[5]; // batch wait, zero grad, loss, optimizer, whole step
        long heapStart = 0;
        long gcStart = 0;
        int epoch = 0;
        Iterator<MiniBatch> batches = source.epoch(epoch, seed).iterator();
        for (int step = 0; step < warmup + steps; step++) {
            if (step == warmup) {
                timed.forEach(TimedLayer::reset);
                java.util.Arrays.fill(parts, 0);
                heapStart = threads.getCurrentThreadAllocatedBytes();
                gcStart = gcMillis();
            }
            long t0 = System.nanoTime();
            if (!batches.hasNext()) {
                PrefetchingBatchSource.close(batches);
                batches = source.epoch(++epoch, seed + epoch).iterator();
            }
            MiniBatch b = batches.next();
            long t1 = System.nanoTime();
            optimizer.zeroGrad();
            long t2 = System.nanoTime();
            var prediction = profiled.forward(b.features());
            long t3 = System.nanoTime();
            Loss.Result r = loss.compute(prediction, b.targets());
            long t4 = System.nanoTime();
            profiled.backward(r.gradient());
            long t5 = System.nanoTime();
            optimizer.step();
            long t6 = System.nanoTime();
            parts[0] += t1 - t0;
            parts[1] += t2 - t1;
            parts[2] += t4 - t3;
            parts[3] += t6 - t5;
            parts[4] += t6 - t0;
        }
        PrefetchingBatchSource.close(batches);
        double heapMb = (threads.getCurrentThreadAllocatedBytes() - heapStart) / 1e6 / steps;
        double gcMs = (gcMillis() - gcStart) / (double) steps;
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("batch (wait on the training thread)", ms(parts[0], steps), 0));
        rows.add(new Row("zero gradients", ms(parts[1], steps), 0));
        for (int i = 0; i < timed.size(); i++) {
            TimedLayer t = timed.get(i);
            rows.add(new Row(i + " " + t.name(), ms(t.forwardNanos(), steps), ms(t.backwardNanos(), steps)));
        }
        rows.add(new Row("loss (softmax cross-entropy + gradient)", ms(parts[2], steps), 0));
        rows.add(new Row("optimizer update (Adam)", ms(parts[3], steps), 0));
        return new Result(batch, warmup, steps, List.copyOf(rows), ms(parts[4], steps), heapMb, gcMs);
    }

    /** The table as text: one row per part, milliseconds per step. */
    public static String table(Result r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-42s %9s %9s %9s%n", "part (ms per step)", "forward", "backward", "total"));
        double sum = 0;
        for (Row row : r.rows()) {
            s.append(String.format(Locale.ROOT, "%-42s %9.2f %9.2f %9.2f%n", row.part(), row.forwardMs(),
                    row.backwardMs(), row.totalMs()));
            sum += row.totalMs();
        }
        s.append(String.format(Locale.ROOT, "%-42s %29.2f%n", "rest (Sequential, timers)", r.stepMs() - sum));
        s.append(String.format(Locale.ROOT, "%-42s %29.2f  (%.0f images/s, batch %d)%n", "whole step", r.stepMs(),
                r.imagesPerSecond(), r.batch()));
        s.append(String.format(Locale.ROOT, "allocation: %.2f MB of Java heap per step, %.2f ms of GC per step "
                + "(mean over %d steps after %d warm-up steps)%n", r.heapMbPerStep(), r.gcMsPerStep(), r.steps(),
                r.warmup()));
        return s.toString();
    }

    private static double ms(long nanos, int steps) {
        return nanos / 1e6 / steps;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
