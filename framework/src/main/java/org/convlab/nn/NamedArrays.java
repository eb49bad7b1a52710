package org.convlab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every parameter and buffer of a model under a stable name {@code layerPath.layerName.array}, e.g.
 * {@code 0.Conv2d.weight} or, inside a nested Sequential at index 2, {@code 2.1.BatchNorm2d.running_mean}.
 * Parameters come in the order of {@link Sequential#parameters()}; a layer used twice is listed once.
 */
public final class NamedArrays {
    private NamedArrays() {
    }

    /** Where a parameter lives: the layer's index path and name, and the parameter's name. */
    public record Named(String layerPath, String layerName, String arrayName, Parameter parameter) {
        public String key() {
            return layerPath + "." + layerName + "." + arrayName;
        }
    }

    /** The parameters, in optimizer order. */
    public static List<Named> parameters(Sequential model) {
        List<Named> out = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        walk(model, "", (path, layer) -> {
            for (Parameter p : layer.parameters()) {
                if (seen.add(p)) {
                    out.add(new Named(path, layer.name(), p.name(), p));
                }
            }
        });
        return out;
    }

    /** The buffers (live arrays) by key. */
    public static Map<String, INDArray> buffers(Sequential model) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        walk(model, "", (path, layer) -> {
            if (seen.add(layer)) {
                layer.buffers().forEach((name, array) -> out.put(path + "." + layer.name() + "." + name, array));
            }
        });
        return out;
    }

    /** The parameters' values (live arrays) by key. */
    public static Map<String, INDArray> parameterValues(Sequential model) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Named n : parameters(model)) {
            out.put(n.key(), n.parameter().value());
        }
        return out;
    }

    private interface Visitor {
        void leaf(String path, Layer layer);
    }

    private static void walk(Sequential model, String prefix, Visitor visitor) {
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            String path = prefix.isEmpty() ? String.valueOf(i) : prefix + "." + i;
            if (layers.get(i) instanceof Sequential nested) {
                walk(nested, path, visitor);
            } else {
                visitor.leaf(path, layers.get(i));
            }
        }
    }
}
