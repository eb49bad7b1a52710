package org.convlab.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The results of one epoch: the mean training loss over its examples, the training metrics, the
 * validation loss and metrics (null / empty without validation data) and the learning rate at its
 * end. No wall-clock time, so that two runs with the same seed have equal records.
 */
public record EpochRecord(int epoch, double trainLoss, Map<String, Double> trainMetrics, Double validationLoss,
        Map<String, Double> validationMetrics, double learningRate) {

    public EpochRecord {
        trainMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(trainMetrics == null ? Map.of() : trainMetrics));
        validationMetrics = Collections.unmodifiableMap(
                new LinkedHashMap<>(validationMetrics == null ? Map.of() : validationMetrics));
    }

    /**
     * A value by key: {@code "loss"}, {@code "val_loss"}, a metric name such as {@code "accuracy"},
     * or {@code "val_"} + a metric name; null when this epoch has no such value.
     */
    public Double value(String key) {
        if (key.equals("loss")) {
            return trainLoss;
        }
        if (key.equals("val_loss")) {
            return validationLoss;
        }
        if (key.startsWith("val_")) {
            return validationMetrics.get(key.substring(4));
        }
        return trainMetrics.get(key);
    }
}
