package org.convlab.testing;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Feeds mutated files to a reader and sorts every outcome: a successful load, the reader's
 * documented exception (whose message must name the file), or a failure — any other throwable, a
 * load slower than the time bound, or a load that allocated more heap than the bound allows (a header
 * that claims more data than the file holds must be rejected before anything of that size is made).
 * The figures (mutations, outcomes by kind, longest load, most bytes allocated) are printed and kept.
 */
public final class FuzzRun implements AutoCloseable {
    /** Whether the long mode runs (Maven profile {@code -Plong}): more mutations, more kills. */
    public static final boolean LONG = Boolean.getBoolean("convlab.long");

    /** The mutations per format: a few hundred, 10,000 in the long mode, or {@code -Dconvlab.fuzz.count}. */
    public static int count(int ci, int longMode) {
        return Integer.getInteger("convlab.fuzz.count", LONG ? longMode : ci);
    }

    /** Loads one mutated file, given as its bytes; returns normally for a valid file. */
    @FunctionalInterface
    public interface Load {
        void load(byte[] bytes) throws Exception;
    }

    private final String format;
    private final List<Class<? extends Throwable>> documented;
    private final String fileName;
    private final long timeoutMillis;
    private final long allocationAllowance;
    private Thread workerThread;
    private ExecutorService worker = newWorker();
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final Map<String, Integer> mutations = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private int tried;
    private long longestNanos;
    private long mostAllocated;

    /**
     * @param documented the exceptions the reader documents for a bad file
     * @param fileName what every message of that exception must contain
     * @param allocationAllowance heap bytes a load may allocate beyond 64 times the file's size
     */
    public FuzzRun(String format, List<Class<? extends Throwable>> documented, String fileName, long timeoutMillis,
            long allocationAllowance) {
        this.format = format;
        this.documented = documented;
        this.fileName = fileName;
        this.timeoutMillis = timeoutMillis;
        this.allocationAllowance = allocationAllowance;
    }

    /** Loads {@code m} and records the outcome. */
    public void attempt(MutationFuzzer.Mutation m, Load load) {
        tried++;
        mutations.merge(m.kind(), 1, Integer::sum);
        byte[] bytes = m.bytes();
        long[] allocated = new long[1];
        Future<Throwable> f = worker.submit(() -> {
            long before = allocatedBytes();
            try {
                load.load(bytes);
                return null;
            } catch (Throwable t) {
                return t;
            } finally {
                allocated[0] = allocatedBytes() - before;
            }
        });
        long start = System.nanoTime();
        Throwable thrown;
        try {
            thrown = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            StringBuilder where = new StringBuilder();
            for (StackTraceElement el : workerThread.getStackTrace()) {
                if (where.length() < 1500) {
                    where.append("\n      at ").append(el);
                }
            }
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker(); // the stuck thread is abandoned; the next loads get a fresh one
            fail(m, "no answer within " + timeoutMillis + " ms (a hang) in" + where);
            return;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        long nanos = System.nanoTime() - start;
        longestNanos = Math.max(longestNanos, nanos);
        mostAllocated = Math.max(mostAllocated, allocated[0]);
        long bound = 64L * bytes.length + allocationAllowance;
        if (allocated[0] > bound) {
            fail(m, "allocated " + allocated[0] + " heap bytes for a file of " + bytes.length + " bytes (bound "
                    + bound + ")" + (thrown == null ? "" : ", then threw " + thrown));
            return;
        }
        if (thrown == null) {
            outcomes.merge("valid load", 1, Integer::sum);
        } else if (documented.stream().anyMatch(c -> c.isInstance(thrown))) {
            String message = String.valueOf(thrown.getMessage());
            if (!message.contains(fileName)) {
                fail(m, "the message does not name the file '" + fileName + "': " + message);
                return;
            }
            outcomes.merge("rejected: " + thrown.getClass().getSimpleName(), 1, Integer::sum);
        } else {
            java.io.StringWriter trace = new java.io.StringWriter();
            thrown.printStackTrace(new java.io.PrintWriter(trace));
            fail(m, "undocumented " + trace.toString().lines().limit(8).reduce((a, b) -> a + "\n   " + b).orElse(""));
        }
    }

    private ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            workerThread = new Thread(r, "fuzz-load");
            workerThread.setDaemon(true);
            return workerThread;
        });
    }

    private void fail(MutationFuzzer.Mutation m, String what) {
        outcomes.merge("FAILED", 1, Integer::sum);
        if (failures.size() < 20) {
            failures.add("#" + tried + " (" + m.kind() + ", " + m.bytes().length + " bytes): " + what);
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** The failures (empty when every outcome was a valid load or the documented exception). */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    public int tried() {
        return tried;
    }

    public Map<String, Integer> outcomes() {
        return Map.copyOf(outcomes);
    }

    /** One paragraph of figures, as the test prints it. */
    public String figures() {
        return String.format(java.util.Locale.ROOT,
                "fuzz %s: %d mutations %s; outcomes %s; longest load %.1f ms; most heap allocated by one load %d bytes",
                format, tried, mutations, outcomes, longestNanos / 1e6, mostAllocated);
    }

    /** Prints the figures; the failures are for the caller to assert. */
    @Override
    public void close() {
        System.out.println(figures());
        failures.forEach(f -> System.out.println("  " + f));
        worker.shutdownNow();
    }
}
