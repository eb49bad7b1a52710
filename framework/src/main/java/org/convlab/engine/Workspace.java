package org.convlab.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-thread scratch buffers reused across calls. Fresh large allocations are expensive here
 * (page faults on every new off-heap mapping, zeroing of every new Java array), so the lowered
 * matrices live in buffers that survive from one call to the next.
 */
final class Workspace {
    private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);
    private static final int DEVICE_ENTRIES = 16;

    private final Map<String, Object> host = new HashMap<>();
    private final Map<String, INDArray> device = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, INDArray> eldest) {
            return size() > DEVICE_ENTRIES;
        }
    };

    static Workspace get() {
        return LOCAL.get();
    }

    /** A primitive array of at least {@code length} elements for {@code role}; contents undefined. */
    Object host(String role, DataType type, int length) {
        String key = role + type;
        Object buf = host.get(key);
        if (buf == null || Host.length(buf) < length) {
            buf = Host.allocate(type, length);
            host.put(key, buf);
        }
        return buf;
    }

    /**
     * An off-heap c-ordered {@code rows x cols} matrix for {@code role}; contents undefined. It is a
     * window on the start of one buffer per role, which grows to the largest size asked for, so
     * that chunks and layers of different shapes share it without allocating.
     */
    INDArray device(String role, DataType type, int rows, int cols) {
        String key = role + type;
        long need = (long) rows * cols;
        INDArray buf = device.get(key);
        if (buf == null || buf.length() < need) {
            buf = Nd4j.createUninitialized(type, new long[] {need}, 'c');
            device.put(key, buf);
        }
        return Nd4j.create(buf.data(), new long[] {rows, cols}, new long[] {cols, 1}, 0L, 'c', type);
    }
}
