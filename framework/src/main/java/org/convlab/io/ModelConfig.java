package org.convlab.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.convlab.nn.Sequential;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A {@link Sequential} model described as data, in JSON:
 * <pre>{@code
 * {"layers": [{"type": "Conv2d", "in": 1, "out": 32, "kernel": [3], "padding": [1]},
 *             {"type": "ReLU"}, {"type": "MaxPool2d", "kernel": [2]}, {"type": "Flatten"},
 *             {"type": "Linear", "in": 6272, "out": 10}],
 *  "dataType": "FLOAT", "seed": 42}
 * }</pre>
 * Each entry has a {@code "type"} (the layer's class name, or {@code "Sequential"} with its own
 * {@code "layers"}) and the settings of that layer's builder; omitted settings take the builder's
 * defaults. {@code dataType} (FLOAT or DOUBLE, default FLOAT) is every layer's unless an entry sets
 * its own; a layer without a {@code "seed"} gets one derived from the model seed and its position, so
 * one seed fixes every initial weight.
 *
 * <p>{@link #build()} makes the model; {@link #of(Sequential, long)} describes an existing one with
 * defaults and derivable seeds left out, so that {@code of(config.build(), seed)} equals a config
 * written in that canonical form. Errors are one-line {@link IllegalArgumentException}s naming the
 * layer (index path and type) and the setting.
 */
public final class ModelConfig {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> TOP_LEVEL = Set.of("layers", "dataType", "seed");
    private static final Map<String, LayerCodec> BY_TYPE = new LinkedHashMap<>();
    private static final Map<Class<?>, LayerCodec> BY_CLASS = new LinkedHashMap<>();

    static {
        List<LayerCodec> codecs = new ArrayList<>(ConvCodecs.all());
        codecs.addAll(BasicCodecs.all());
        for (LayerCodec c : codecs) {
            BY_TYPE.put(c.type(), c);
            BY_CLASS.put(c.layerClass(), c);
        }
    }

    private final ArrayNode layers;
    private final DataType dataType;
    private final Long seed;

    /**
     * @param layers one JSON object per layer, each with its {@code "type"}
     * @param seed the model seed, or null for layers that carry their own seeds
     */
    public ModelConfig(List<? extends JsonNode> layers, DataType dataType, Long seed) {
        this.dataType = requireFloatingPoint(Objects.requireNonNull(dataType, "dataType"), "model: 'dataType'");
        this.seed = seed;
        ArrayNode copy = JsonNodeFactory.instance.arrayNode();
        layers.forEach(copy::add);
        this.layers = canonical(copy);
    }

    /** The names of every layer type a config can hold. */
    public static Set<String> layerTypes() {
        Set<String> types = new java.util.LinkedHashSet<>(BY_TYPE.keySet());
        types.add("Sequential");
        return Collections.unmodifiableSet(types);
    }

    /** Parses a config; the layers are checked when built. */
    public static ModelConfig fromJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("model config: not valid JSON" + where(e) + ": " + problem(e), e);
        }
        return fromTree(root);
    }

    /** " at line 3, column 7" of a JSON syntax error (Jackson counts both from 1). */
    private static String where(JsonProcessingException e) {
        var at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** Jackson's description without its "[Source: ...]" trailers, which repeat the input. */
    private static String problem(JsonProcessingException e) {
        String text = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        text = text.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
                .replaceAll("\\s*at \\[Source:[^\\]]*\\]", "").strip();
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    static ModelConfig fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("model config: expected a JSON object with \"layers\", got "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!TOP_LEVEL.contains(name)) {
                String guess = Spelling.closest(name, TOP_LEVEL);
                throw new IllegalArgumentException("model config: unknown setting '" + name + "'"
                        + (guess == null ? "" : "; did you mean '" + guess + "'?") + " (allowed: " + TOP_LEVEL + ")");
            }
        }
        JsonNode layers = root.get("layers");
        if (layers == null || !layers.isArray()) {
            throw new IllegalArgumentException("model config: setting 'layers' must be an array of layer objects, got "
                    + layers);
        }
        DataType type = root.has("dataType") ? parseDataType(root.get("dataType"), "model: setting 'dataType'")
                : DataType.FLOAT;
        Long seed = null;
        if (root.hasNonNull("seed")) {
            JsonNode s = root.get("seed");
            if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                throw new IllegalArgumentException("model config: setting 'seed' must be an integer, got " + s);
            }
            seed = s.longValue();
        }
        List<JsonNode> entries = new ArrayList<>();
        layers.forEach(entries::add);
        return new ModelConfig(entries, type, seed);
    }

    public static ModelConfig read(Path file) throws IOException {
        try {
            return fromJson(ConfigText.read(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the JSON atomically. */
    public void write(Path file) throws IOException {
        byte[] bytes = toJson().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(toTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model config: cannot write JSON", e);
        }
    }

    ObjectNode toTree() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("layers", layers.deepCopy());
        root.put("dataType", dataType.name());
        if (seed != null) {
            root.put("seed", seed);
        }
        return root;
    }

    /** Builds a new model with fresh weights. */
    public Sequential build() {
        return buildLayers(layers, "", dataType, seed);
    }

    /** Describes a model with every layer's seed written out. */
    public static ModelConfig of(Sequential model) {
        return new ModelConfig(describeLayers(model, modelDataType(model), null), modelDataType(model), null);
    }

    /** Describes a model built from a config with this model seed: derivable layer seeds are left out. */
    public static ModelConfig of(Sequential model, long seed) {
        return new ModelConfig(describeLayers(model, modelDataType(model), seed), modelDataType(model), seed);
    }

    public DataType dataType() {
        return dataType;
    }

    public OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    /** The layer entries (copies). */
    public List<ObjectNode> layers() {
        List<ObjectNode> out = new ArrayList<>();
        layers.forEach(n -> out.add((ObjectNode) n.deepCopy()));
        return out;
    }

    /** The seed of layer {@code index} of a model or nested Sequential whose seed is {@code parent}. */
    static long layerSeed(long parent, int index) {
        // A 64-bit mix (the finaliser of SplittableRandom) so that neighbouring layers get unrelated seeds.
        long z = parent + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static Sequential buildLayers(JsonNode entries, String prefix, DataType type, Long seed) {
        Sequential model = new Sequential();
        for (int i = 0; i < entries.size(); i++) {
            String path = prefix + i;
            JsonNode entry = entries.get(i);
            if (!entry.isObject()) {
                throw new IllegalArgumentException("layer " + path + ": expected an object with a \"type\", got " + entry);
            }
            JsonNode typeNode = entry.get("type");
            if (typeNode == null || !typeNode.isTextual()) {
                throw new IllegalArgumentException("layer " + path + ": setting 'type' is missing or not a string");
            }
            String layerType = typeNode.textValue();
            Long derived = seed == null ? null : layerSeed(seed, i);
            LayerSettings s = new LayerSettings(path, layerType, (ObjectNode) entry, type, derived);
            if (layerType.equals("Sequential")) {
                JsonNode nested = s.get("layers");
                if (nested == null || !nested.isArray()) {
                    throw s.error("layers", "must be an array of layer objects");
                }
                DataType nestedType = s.dataType();
                Long nestedSeed = s.seed();
                s.requireAllRead();
                model.add(buildLayers(nested, path + ".", nestedType, nestedSeed));
                continue;
            }
            LayerCodec codec = BY_TYPE.get(layerType);
            if (codec == null) {
                String guess = Spelling.closest(layerType, layerTypes());
                throw new IllegalArgumentException("layer " + path + ": unknown layer type '" + layerType + "'"
                        + (guess == null ? "" : "; did you mean '" + guess + "'?") + " (known: " + layerTypes() + ")");
            }
            try {
                model.add(codec.build(s));
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(s.where())) {
                    throw e;
                }
                // The builder's own check names the setting; prefix where it is in the config.
                throw new IllegalArgumentException(s.where() + ": " + e.getMessage(), e);
            }
        }
        return model;
    }

    private static List<JsonNode> describeLayers(Sequential model, DataType type, Long seed) {
        List<JsonNode> out = new ArrayList<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Long derived = seed == null ? null : layerSeed(seed, i);
            if (layer instanceof Sequential nested) {
                ObjectNode node = JsonNodeFactory.instance.objectNode();
                node.put("type", "Sequential");
                ArrayNode children = node.putArray("layers");
                describeLayers(nested, type, derived).forEach(children::add);
                out.add(node);
                continue;
            }
            LayerCodec codec = BY_CLASS.get(layer.getClass());
            if (codec == null) {
                throw new IllegalArgumentException("layer " + i + " (" + layer.name() + "): no config type for class "
                        + layer.getClass().getName());
            }
            LayerDescription d = new LayerDescription(codec.type(), type, derived);
            codec.describe(layer, d);
            out.add(d.node());
        }
        return out;
    }

    /** The data type of the first parameter, FLOAT for a model without parameters. */
    private static DataType modelDataType(Sequential model) {
        List<Parameter> ps = model.parameters();
        return ps.isEmpty() ? DataType.FLOAT : ps.get(0).value().dataType();
    }

    static DataType parseDataType(JsonNode node, String where) {
        String text = node != null && node.isTextual() ? node.textValue() : null;
        if ("FLOAT".equals(text)) {
            return DataType.FLOAT;
        }
        if ("DOUBLE".equals(text)) {
            return DataType.DOUBLE;
        }
        throw new IllegalArgumentException(where + " must be \"FLOAT\" or \"DOUBLE\", got " + node);
    }

    private static DataType requireFloatingPoint(DataType type, String where) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException(where + " must be FLOAT or DOUBLE, got " + type);
        }
        return type;
    }

    /** Re-reads the nodes from their text so that equal JSON gives equal nodes (an int seed and a long seed alike). */
    private static ArrayNode canonical(ArrayNode nodes) {
        try {
            return (ArrayNode) MAPPER.readTree(MAPPER.writeValueAsString(nodes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelConfig c && layers.equals(c.layers) && dataType == c.dataType
                && Objects.equals(seed, c.seed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layers, dataType, seed);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
