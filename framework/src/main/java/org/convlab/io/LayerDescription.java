package org.convlab.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Writes the settings of an existing layer as a config entry, leaving out every setting that has
 * its default value, so that descriptions are short and canonical. Per-axis settings whose axes
 * agree are written as one value ({@code "kernel": [3]}).
 */
final class LayerDescription {
    private final ObjectNode node = JsonNodeFactory.instance.objectNode();
    private final DataType modelDataType;
    private final Long derivedSeed;

    LayerDescription(String type, DataType modelDataType, Long derivedSeed) {
        this.modelDataType = modelDataType;
        this.derivedSeed = derivedSeed;
        node.put("type", type);
    }

    ObjectNode node() {
        return node;
    }

    LayerDescription put(String name, int value) {
        node.put(name, value);
        return this;
    }

    LayerDescription putUnlessDefault(String name, int value, int fallback) {
        if (value != fallback) {
            node.put(name, value);
        }
        return this;
    }

    LayerDescription putUnlessDefault(String name, double value, double fallback) {
        if (Double.compare(value, fallback) != 0) {
            node.put(name, value);
        }
        return this;
    }

    LayerDescription putUnlessDefault(String name, boolean value, boolean fallback) {
        if (value != fallback) {
            node.put(name, value);
        }
        return this;
    }

    LayerDescription putUnlessDefault(String name, Enum<?> value, Enum<?> fallback) {
        if (value != fallback) {
            node.put(name, value.name());
        }
        return this;
    }

    /** Per-axis values, compacted to one value when all axes agree. */
    LayerDescription putInts(String name, int[] values) {
        ArrayNode array = node.putArray(name);
        boolean same = Arrays.stream(values).allMatch(v -> v == values[0]);
        for (int v : same ? new int[] {values[0]} : values) {
            array.add(v);
        }
        return this;
    }

    /** Per-axis values unless every axis equals {@code fallback}. */
    LayerDescription putIntsUnless(String name, int[] values, int fallback) {
        if (!Arrays.stream(values).allMatch(v -> v == fallback)) {
            putInts(name, values);
        }
        return this;
    }

    LayerDescription dataType(DataType type) {
        if (type != modelDataType) {
            node.put("dataType", type.name());
        }
        return this;
    }

    LayerDescription seed(long seed) {
        if (derivedSeed == null || derivedSeed != seed) {
            node.put("seed", seed);
        }
        return this;
    }
}
