package org.convlab.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The mean loss over the examples of an evaluation pass and each metric's value. */
public record Evaluation(double loss, Map<String, Double> metrics) {
    public Evaluation {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
