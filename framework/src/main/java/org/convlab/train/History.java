package org.convlab.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a training run measured: one {@link EpochRecord} per epoch and the loss of every step.
 * Serialises to JSON (doubles written in full precision, so a history read back is equal).
 */
public final class History {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<EpochRecord> epochs;
    private final List<Double> stepLosses;

    public History() {
        this(List.of(), List.of());
    }

    @JsonCreator
    public History(@JsonProperty("epochs") List<EpochRecord> epochs, @JsonProperty("stepLosses") List<Double> stepLosses) {
        this.epochs = new ArrayList<>(epochs == null ? List.of() : epochs);
        this.stepLosses = new ArrayList<>(stepLosses == null ? List.of() : stepLosses);
    }

    void addEpoch(EpochRecord record) {
        epochs.add(record);
    }

    void addStepLoss(double loss) {
        stepLosses.add(loss);
    }

    @JsonProperty("epochs")
    public List<EpochRecord> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    @JsonProperty("stepLosses")
    public List<Double> stepLosses() {
        return Collections.unmodifiableList(stepLosses);
    }

    /** The per-step losses as a primitive array. */
    public double[] stepLossArray() {
        return stepLosses.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** One value per epoch for a key of {@link EpochRecord#value(String)}; NaN where an epoch has none. */
    public double[] series(String key) {
        return epochs.stream().mapToDouble(e -> {
            Double v = e.value(key);
            return v == null ? Double.NaN : v;
        }).toArray();
    }

    /** A deep copy, independent of further training. */
    public History copy() {
        return new History(epochs, stepLosses);
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history: cannot write JSON", e);
        }
    }

    public static History fromJson(String json) {
        try {
            return MAPPER.readValue(json, History.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("history: not a valid history JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof History h && epochs.equals(h.epochs) && stepLosses.equals(h.stepLosses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(epochs, stepLosses);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
