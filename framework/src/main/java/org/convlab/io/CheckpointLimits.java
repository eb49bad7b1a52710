package org.convlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks a checkpoint's manifest passes before any array entry is read: every array entry has a
 * well-formed name, a supported data type and a shape of non-negative sizes, and together they fit
 * in this JVM's memory. The byte count each entry may inflate to follows from its manifest shape,
 * so no entry is read beyond what the model needs.
 */
final class CheckpointLimits {
    /** The manifest holds the config and an index of the arrays: kilobytes, not megabytes. */
    static final long MANIFEST_BYTES = 16L << 20;
    /** A {@code .npy} header is at most 65535 bytes after its 10-byte preamble (version 1, as written). */
    static final long NPY_HEADER_BYTES = 65_535 + 12;
    private static final Pattern ARRAY_NAME = Pattern.compile("(param|buffer|optim)/[^/\\\\]+\\.npy");
    private static final int MAX_RANK = 32;

    private CheckpointLimits() {
    }

    /** The history is the step losses and the epoch records: a bound that grows with the steps trained. */
    static long historyBytes(long steps, long epochs) {
        long perItem = 64;
        long items = Math.max(0, Math.min(steps, 1L << 22)) + Math.max(0, Math.min(epochs, 1L << 20));
        return Math.min((1L << 20) + perItem * items, 256L << 20);
    }

    /**
     * Checks the {@code arrays} index of the manifest; returns the largest number of bytes the
     * entries may hold in total.
     */
    static long checkArrayIndex(Path file, JsonNode arrays) throws CheckpointException {
        if (!arrays.isObject()) {
            throw new CheckpointException(file, "bad manifest: expected 'arrays' to be an object, found "
                    + arrays.getNodeType());
        }
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = arrays.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            total += entryBytes(file, e.getKey(), e.getValue());
        }
        long budget = Runtime.getRuntime().maxMemory() / 2;
        if (total > budget) {
            throw new CheckpointException(file, "too large to load: the manifest declares " + total
                    + " bytes of arrays, expected at most " + budget + " (half of this JVM's heap; raise -Xmx)");
        }
        return total;
    }

    /** The largest size of one array entry: its header plus the elements its manifest shape declares. */
    static long entryBytes(Path file, String name, JsonNode info) throws CheckpointException {
        if (!ARRAY_NAME.matcher(name).matches()) {
            throw new CheckpointException(file, "bad array entry name: expected param/, buffer/ or optim/<key>.npy, "
                    + "found '" + name + "'");
        }
        int width = switch (info.path("dataType").asText()) {
            case "FLOAT", "INT" -> 4;
            case "DOUBLE", "LONG" -> 8;
            default -> throw new CheckpointException(file, "entry '" + name + "': expected a data type FLOAT, DOUBLE, "
                    + "INT or LONG in the manifest, found " + info.path("dataType"));
        };
        JsonNode shape = info.path("shape");
        if (!shape.isArray() || shape.size() > MAX_RANK) {
            throw new CheckpointException(file, "entry '" + name + "': expected a shape of at most " + MAX_RANK
                    + " sizes in the manifest, found " + shape);
        }
        boolean empty = false;
        for (JsonNode d : shape) {
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
                throw new CheckpointException(file, "entry '" + name + "': expected non-negative integer sizes in "
                        + "the manifest, found " + shape);
            }
            empty |= d.asLong() == 0;
        }
        long elements = 1;
        for (JsonNode d : shape) {
            if (!empty && elements > Integer.MAX_VALUE / d.asLong()) {
                throw new CheckpointException(file, "entry '" + name + "': expected at most " + Integer.MAX_VALUE
                        + " elements, the manifest's shape " + shape + " has more");
            }
            elements = empty ? 0 : elements * d.asLong();
        }
        return NPY_HEADER_BYTES + elements * width;
    }

    /** A training counter of the manifest: a non-negative whole number (0 when absent, as in old files). */
    static long counter(Path file, JsonNode training, String name, long max) throws CheckpointException {
        JsonNode v = training.path(name);
        if (v.isMissingNode()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > max) {
            throw new CheckpointException(file, "bad manifest: expected 'training." + name + "' to be a whole number in [0, "
                    + max + "], found " + v);
        }
        return v.asLong();
    }
}
