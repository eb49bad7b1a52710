package org.convlab.nn;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * How much memory ND4J may still take off the Java heap, checked before a large allocation so that
 * a request that cannot fit is a clear error naming what needed the bytes, not a native crash, a
 * machine swapping, or the kernel's out-of-memory killer.
 *
 * <p>ND4J allocates its arrays natively; JavaCPP counts the process's resident memory and refuses
 * (with an {@link OutOfMemoryError}) only after it exceeds {@code org.bytedeco.javacpp.maxphysicalbytes},
 * which defaults to four times the heap limit ({@code -Xmx}) and can be more than the machine has.
 * The budget here is the smaller of that limit and the machine's RAM, minus what the process holds.
 */
public final class MemoryBudget {
    private MemoryBudget() {
    }

    /** The bytes that may still be allocated off the heap (never negative). */
    public static long available() {
        return Math.max(0, limit() - Pointer.physicalBytes());
    }

    /** The smaller of JavaCPP's physical-memory limit (0 means none) and the machine's RAM. */
    public static long limit() {
        long javacpp = Pointer.maxPhysicalBytes();
        long ram = machineBytes();
        return javacpp <= 0 ? ram : ram <= 0 ? javacpp : Math.min(javacpp, ram);
    }

    private static long machineBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    /**
     * Fails unless {@code bytes} fit in what is {@link #available()}.
     *
     * @param who the layer or step that needs the bytes, e.g. {@code "layer 3 (Conv2d) output [64, 512, 28, 28] FLOAT"}
     * @throws IllegalArgumentException naming {@code who}, the bytes needed and the bytes available
     */
    public static void require(String who, long bytes) {
        long available = available();
        if (bytes > available) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s needs %,d bytes (%s) but only %,d bytes (%s) are available: the off-heap limit is %,d bytes "
                            + "(the smaller of -Dorg.bytedeco.javacpp.maxphysicalbytes=%,d and the machine's %,d), "
                            + "of which the process holds %,d; use a smaller batch or model",
                    who, bytes, readable(bytes), available, readable(available), limit(), Pointer.maxPhysicalBytes(),
                    machineBytes(), Pointer.physicalBytes()));
        }
    }

    /** Bytes as KiB, MiB or GiB, for messages. */
    public static String readable(long bytes) {
        double v = bytes;
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
