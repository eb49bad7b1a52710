package org.convlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The settings of one layer entry of a {@link ModelConfig}, read with checks: every failure is an
 * {@link IllegalArgumentException} of one line naming the layer (index path and type) and the
 * setting. {@link #requireAllRead()} rejects settings the layer does not have (a typo is not
 * silently ignored).
 */
final class LayerSettings {
    private final String where;
    private final ObjectNode node;
    private final DataType modelDataType;
    private final Long derivedSeed;
    private final Set<String> read = new LinkedHashSet<>();

    LayerSettings(String path, String type, ObjectNode node, DataType modelDataType, Long derivedSeed) {
        this.where = "layer " + path + " (" + type + ")";
        this.node = node;
        this.modelDataType = modelDataType;
        this.derivedSeed = derivedSeed;
        read.add("type");
    }

    String where() {
        return where;
    }

    /** An error naming this layer and the setting. */
    IllegalArgumentException error(String setting, String problem) {
        return new IllegalArgumentException(where + ": setting '" + setting + "' " + problem);
    }

    boolean has(String name) {
        read.add(name);
        return node.has(name) && !node.get(name).isNull();
    }

    JsonNode get(String name) {
        read.add(name);
        return node.get(name);
    }

    int requiredInt(String name) {
        if (!has(name)) {
            throw missing(name);
        }
        return toInt(name, node.get(name));
    }

    /**
     * A required setting is absent: when an unknown setting of the entry looks like a misspelling of
     * it ({@code kernal}), that is the error to report, not the absence.
     */
    private IllegalArgumentException missing(String name) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String given = it.next();
            if (!read.contains(given) && name.equals(Spelling.closest(given, Set.of(name)))) {
                return new IllegalArgumentException(where + ": unknown setting '" + given + "'; did you mean '"
                        + name + "'?");
            }
        }
        return error(name, "is missing");
    }

    int optionalInt(String name, int fallback) {
        return has(name) ? toInt(name, node.get(name)) : fallback;
    }

    /** An int, or a one-element array holding it. */
    private int toInt(String name, JsonNode v) {
        if (v.isArray() && v.size() == 1) {
            v = v.get(0);
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(name, "must be an integer, got " + v);
        }
        return v.intValue();
    }

    int[] requiredInts(String name) {
        if (!has(name)) {
            throw missing(name);
        }
        return toInts(name, node.get(name));
    }

    /** One int per axis as an array, or one int for every axis; null when absent. */
    int[] optionalInts(String name) {
        return has(name) ? toInts(name, node.get(name)) : null;
    }

    private int[] toInts(String name, JsonNode v) {
        if (v.isIntegralNumber()) {
            return new int[] {toInt(name, v)};
        }
        if (!v.isArray() || v.isEmpty()) {
            throw error(name, "must be an integer or a non-empty array of integers, got " + v);
        }
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toInt(name, v.get(i));
        }
        return out;
    }

    double requiredDouble(String name) {
        if (!has(name)) {
            throw missing(name);
        }
        return optionalDouble(name, Double.NaN);
    }

    double optionalDouble(String name, double fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = node.get(name);
        if (!v.isNumber()) {
            throw error(name, "must be a number, got " + v);
        }
        return v.doubleValue();
    }

    boolean optionalBoolean(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = node.get(name);
        if (!v.isBoolean()) {
            throw error(name, "must be true or false, got " + v);
        }
        return v.booleanValue();
    }

    <E extends Enum<E>> E optionalEnum(String name, Class<E> type, E fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = node.get(name);
        String text = v.isTextual() ? v.textValue().toUpperCase(Locale.ROOT) : null;
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        throw error(name, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", got " + v);
    }

    /** The layer's own data type, else the model's. */
    DataType dataType() {
        if (!has("dataType")) {
            return modelDataType;
        }
        return ModelConfig.parseDataType(node.get("dataType"), where + ": setting 'dataType'");
    }

    /** The layer's own seed, else the one derived from the model seed; null when neither exists. */
    Long seed() {
        if (!has("seed")) {
            return derivedSeed;
        }
        JsonNode v = node.get("seed");
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error("seed", "must be an integer, got " + v);
        }
        return v.longValue();
    }

    /** Fails on a setting that no getter asked for. */
    void requireAllRead() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!read.contains(name)) {
                Set<String> allowed = new LinkedHashSet<>(read);
                allowed.remove("type");
                String guess = Spelling.closest(name, allowed);
                throw new IllegalArgumentException(where + ": unknown setting '" + name + "'"
                        + (guess == null ? "" : "; did you mean '" + guess + "'?") + " (allowed: " + allowed + ")");
            }
        }
    }
}
