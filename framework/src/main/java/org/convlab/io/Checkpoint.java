package org.convlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.convlab.nn.NamedArrays;
import org.convlab.nn.Sequential;
import org.convlab.optim.Optimizer;
import org.convlab.train.EpochProgress;
import org.convlab.train.History;
import org.convlab.train.TrainingState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything needed to continue a training run bit for bit, in one zip file:
 * <ul>
 * <li>{@code manifest.json}: format and version, the {@link ModelConfig}, the optimizer's class,
 * the training counters (epoch, step, seed; inside an epoch also its {@link EpochProgress}) and,
 * for every array entry, its data type, shape and
 * CRC-32;</li>
 * <li>{@code history.json}: the {@link History} so far;</li>
 * <li>{@code param/<key>.npy}, {@code buffer/<key>.npy}, {@code optim/<key>.npy}: the parameters and
 * buffers under their {@link NamedArrays} keys, and the optimizer state ({@link Optimizer#state()}),
 * as NumPy arrays.</li>
 * </ul>
 * Saving is atomic ({@link AtomicFiles}): an interrupted save leaves the previous file intact.
 * {@link #read} checks the whole file (every checksum, type and shape) before anything uses it, and
 * restoring into a model or optimizer checks every array against it before assigning any.
 */
public final class Checkpoint {
    static final String FORMAT = "convlab-checkpoint";
    static final int VERSION = 1;
    static final String MANIFEST = "manifest.json";
    static final String HISTORY = "history.json";

    private final Path file;
    private final ModelConfig config;
    private final String optimizerType;
    private final TrainingState trainingState;
    private final Map<String, INDArray> parameters;
    private final Map<String, INDArray> buffers;
    private final Map<String, INDArray> optimizerState;

    private Checkpoint(Path file, ModelConfig config, String optimizerType, TrainingState trainingState,
            Map<String, INDArray> parameters, Map<String, INDArray> buffers, Map<String, INDArray> optimizerState) {
        this.file = file;
        this.config = config;
        this.optimizerType = optimizerType;
        this.trainingState = trainingState;
        this.parameters = parameters;
        this.buffers = buffers;
        this.optimizerState = optimizerState;
    }

    /** Saves the model (config, parameters, buffers), the optimizer state and the training state, atomically. */
    public static void save(Path file, Sequential model, Optimizer optimizer, TrainingState state) throws IOException {
        save(file, model, optimizer, state, UnaryOperator.identity());
    }

    /** As {@link #save(Path, Sequential, Optimizer, TrainingState)}, writing through {@code wrap} (tests inject failures). */
    static void save(Path file, Sequential model, Optimizer optimizer, TrainingState state,
            UnaryOperator<OutputStream> wrap) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        ObjectNode arrays = JsonNodeFactory.instance.objectNode();
        addArrays("param/", NamedArrays.parameterValues(model), entries, arrays);
        addArrays("buffer/", NamedArrays.buffers(model), entries, arrays);
        addArrays("optim/", optimizer.state(), entries, arrays);
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("format", FORMAT).put("version", VERSION);
        manifest.set("config", ModelConfig.of(model).toTree());
        manifest.put("optimizer", optimizer.getClass().getSimpleName());
        ObjectNode training = manifest.putObject("training").put("epoch", state.epoch()).put("step", state.step())
                .put("seed", state.seed());
        if (state.midEpoch()) {
            training.set("epochProgress", progressTree(state.epochProgress()));
        }
        manifest.set("arrays", arrays);
        byte[] manifestBytes = ModelConfig.MAPPER.writeValueAsBytes(manifest);
        byte[] historyBytes = state.history().toJson().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            ZipEntries.putStored(zip, MANIFEST, manifestBytes);
            ZipEntries.putStored(zip, HISTORY, historyBytes);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntries.putStored(zip, e.getKey(), e.getValue());
            }
            zip.finish();
        }, wrap);
    }

    // Doubles are written in full (shortest round-trip) precision, so the sums read back equal.
    private static ObjectNode progressTree(EpochProgress p) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("batches", p.batches()).put("lossSum", p.lossSum()).put("examples", p.examples());
        ArrayNode metrics = node.putArray("metricSums");
        for (double[] sums : p.metricSums()) {
            ArrayNode a = metrics.addArray();
            Arrays.stream(sums).forEach(a::add);
        }
        return node;
    }

    private static EpochProgress progress(Path file, JsonNode node) throws CheckpointException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.path("batches").canConvertToInt() || !node.path("lossSum").isNumber()
                || !node.path("examples").canConvertToLong() || !node.path("metricSums").isArray()) {
            throw new CheckpointException(file, MANIFEST + ": training.epochProgress needs batches, lossSum, examples "
                    + "and metricSums");
        }
        List<double[]> sums = new java.util.ArrayList<>();
        for (JsonNode metric : node.get("metricSums")) {
            double[] values = new double[metric.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = metric.get(i).asDouble();
            }
            sums.add(values);
        }
        try {
            return new EpochProgress(node.get("batches").asInt(), node.get("lossSum").asDouble(),
                    node.get("examples").asLong(), sums);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, MANIFEST + ": " + e.getMessage(), e);
        }
    }

    private static void addArrays(String prefix, Map<String, INDArray> source, Map<String, byte[]> entries,
            ObjectNode index) {
        for (Map.Entry<String, INDArray> e : source.entrySet()) {
            String name = prefix + e.getKey() + ".npy";
            byte[] npy = NpyFormat.encode(e.getValue());
            entries.put(name, npy);
            ObjectNode info = index.putObject(name);
            info.put("dataType", e.getValue().dataType().name());
            ArrayNode shape = info.putArray("shape");
            Arrays.stream(e.getValue().shape()).forEach(shape::add);
            info.put("crc32", ZipEntries.crc32(npy));
        }
    }

    /**
     * Reads and checks a whole checkpoint into new arrays.
     *
     * @throws CheckpointException naming the file and the problem: missing, truncated, not a
     *         checkpoint, a missing entry, a checksum, type or shape that does not match the manifest
     */
    public static Checkpoint read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new CheckpointException(file, "no such checkpoint file");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntries.requireSafeNames(zip, file);
            JsonNode manifest;
            try {
                manifest = ModelConfig.MAPPER.readTree(entry(zip, file, MANIFEST));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new CheckpointException(file, MANIFEST + " is corrupted (" + e.getOriginalMessage() + ")", e);
            }
            if (manifest == null || !manifest.isObject() || !FORMAT.equals(manifest.path("format").asText())) {
                throw new CheckpointException(file, "not a ConvLab checkpoint (manifest format is not '" + FORMAT + "')");
            }
            if (manifest.path("version").asInt() != VERSION) {
                throw new CheckpointException(file, "unsupported checkpoint version " + manifest.path("version")
                        + " (this build reads version " + VERSION + ")");
            }
            ModelConfig config;
            try {
                config = ModelConfig.fromTree(manifest.get("config"));
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(file, "bad model config: " + e.getMessage(), e);
            }
            JsonNode training = manifest.path("training");
            int epoch = (int) CheckpointLimits.counter(file, training, "epoch", Integer.MAX_VALUE);
            long step = CheckpointLimits.counter(file, training, "step", Long.MAX_VALUE);
            History history;
            try {
                history = History.fromJson(new String(ZipEntries.readBounded(zip, file, HISTORY,
                        CheckpointLimits.historyBytes(step, epoch)), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(file, "bad " + HISTORY + ": " + e.getMessage(), e);
            }
            TrainingState state = new TrainingState(epoch, step, training.path("seed").asLong(), history,
                    progress(file, training.get("epochProgress")));
            Map<String, INDArray> params = new LinkedHashMap<>();
            Map<String, INDArray> bufs = new LinkedHashMap<>();
            Map<String, INDArray> optim = new LinkedHashMap<>();
            JsonNode arrays = manifest.path("arrays");
            CheckpointLimits.checkArrayIndex(file, arrays);
            for (Iterator<Map.Entry<String, JsonNode>> it = arrays.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                INDArray array = readArray(zip, file, e.getKey(), e.getValue());
                String name = e.getKey();
                String key = name.substring(name.indexOf('/') + 1, name.length() - ".npy".length());
                Map<String, INDArray> target = name.startsWith("param/") ? params
                        : name.startsWith("buffer/") ? bufs : name.startsWith("optim/") ? optim : null;
                if (target == null) {
                    throw new CheckpointException(file, "unexpected array entry '" + name + "'");
                }
                target.put(key, array);
            }
            return new Checkpoint(file, config, manifest.path("optimizer").asText(), state, params, bufs, optim);
        } catch (CheckpointException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "no such checkpoint file", e);
        } catch (ZipException e) {
            throw new CheckpointException(file, "truncated or corrupted (not a readable zip: " + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + IoErrors.reason(e), e);
        }
    }

    private static INDArray readArray(ZipFile zip, Path file, String name, JsonNode info) throws IOException {
        byte[] bytes = ZipEntries.readBounded(zip, file, name, CheckpointLimits.entryBytes(file, name, info));
        long crc = ZipEntries.crc32(bytes);
        if (crc != info.path("crc32").asLong()) {
            throw new CheckpointException(file, "entry '" + name + "' is corrupted (CRC-32 " + Long.toHexString(crc)
                    + ", the manifest says " + Long.toHexString(info.path("crc32").asLong()) + ")");
        }
        INDArray array;
        try {
            array = NpyFormat.decode(bytes, name);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, e.getMessage(), e);
        }
        long[] shape = new long[info.path("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = info.path("shape").get(i).asLong();
        }
        if (!Arrays.equals(shape, array.shape()) || !array.dataType().name().equals(info.path("dataType").asText())) {
            throw new CheckpointException(file, "entry '" + name + "' holds " + array.dataType()
                    + Arrays.toString(array.shape()) + ", the manifest says " + info.path("dataType").asText()
                    + Arrays.toString(shape));
        }
        return array;
    }

    /** A small entry (JSON), read with the manifest's bound: a lying size or a zip bomb cannot exhaust memory. */
    private static byte[] entry(ZipFile zip, Path file, String name) throws IOException {
        return ZipEntries.readBounded(zip, file, name, CheckpointLimits.MANIFEST_BYTES);
    }

    /** A new model built from the stored config, with the stored parameters and buffers. */
    public Sequential buildModel() {
        Sequential model;
        try {
            model = config.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        restoreModel(model);
        return model;
    }

    /**
     * Copies the stored parameters and buffers into {@code model}, after checking that its layers
     * have the stored types and every array the stored shape and type; on a mismatch nothing is
     * changed.
     *
     * @throws IllegalArgumentException naming the file and the first mismatch
     */
    public void restoreModel(Sequential model) {
        requireSameLayerTypes(config.layers(), ModelConfig.of(model).layers(), "");
        Map<String, INDArray> liveParams = NamedArrays.parameterValues(model);
        Map<String, INDArray> liveBuffers = NamedArrays.buffers(model);
        requireMatching("parameter", parameters, liveParams);
        requireMatching("buffer", buffers, liveBuffers);
        liveParams.forEach((k, v) -> v.assign(parameters.get(k)));
        liveBuffers.forEach((k, v) -> v.assign(buffers.get(k)));
    }

    /**
     * Restores the optimizer state (moments, step count, learning rate) into an optimizer of the
     * stored class built over the restored model's parameters.
     */
    public void restoreOptimizer(Optimizer optimizer) {
        String type = optimizer.getClass().getSimpleName();
        if (!type.equals(optimizerType)) {
            throw new IllegalArgumentException(file + ": the checkpoint holds the state of a " + optimizerType
                    + " optimizer, got a " + type);
        }
        try {
            optimizer.loadState(optimizerState);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private void requireSameLayerTypes(List<ObjectNode> stored, List<ObjectNode> actual, String prefix) {
        if (stored.size() != actual.size()) {
            throw new IllegalArgumentException(file + ": the checkpoint's model" + (prefix.isEmpty() ? "" : " at " + prefix)
                    + " has " + stored.size() + " layers, the given model has " + actual.size());
        }
        for (int i = 0; i < stored.size(); i++) {
            String s = stored.get(i).path("type").asText();
            String a = actual.get(i).path("type").asText();
            if (!s.equals(a)) {
                throw new IllegalArgumentException(file + ": layer " + prefix + i + " is a " + s
                        + " in the checkpoint but a " + a + " in the given model");
            }
            if (s.equals("Sequential")) {
                requireSameLayerTypes(children(stored.get(i)), children(actual.get(i)), prefix + i + ".");
            }
        }
    }

    private static List<ObjectNode> children(ObjectNode sequential) {
        List<ObjectNode> out = new java.util.ArrayList<>();
        sequential.path("layers").forEach(n -> out.add((ObjectNode) n));
        return out;
    }

    private void requireMatching(String kind, Map<String, INDArray> stored, Map<String, INDArray> live) {
        for (Map.Entry<String, INDArray> e : live.entrySet()) {
            INDArray s = stored.get(e.getKey());
            if (s == null) {
                throw new IllegalArgumentException(file + ": " + kind + " '" + e.getKey() + "' is missing from the checkpoint");
            }
            if (!Arrays.equals(s.shape(), e.getValue().shape()) || s.dataType() != e.getValue().dataType()) {
                throw new IllegalArgumentException(file + ": " + kind + " '" + e.getKey() + "' is "
                        + s.dataType() + Arrays.toString(s.shape()) + " in the checkpoint but "
                        + e.getValue().dataType() + Arrays.toString(e.getValue().shape()) + " in the model");
            }
        }
        for (String key : stored.keySet()) {
            if (!live.containsKey(key)) {
                throw new IllegalArgumentException(file + ": the checkpoint's " + kind + " '" + key
                        + "' has no counterpart in the model");
            }
        }
    }

    public ModelConfig config() {
        return config;
    }

    public TrainingState trainingState() {
        return trainingState;
    }

    /** The simple class name of the optimizer whose state is stored, e.g. {@code "SGD"}. */
    public String optimizerType() {
        return optimizerType;
    }
}
