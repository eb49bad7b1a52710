package org.convlab.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.convlab.engine.RunsOnEngine;
import org.convlab.nn.Costed;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.convlab.nn.Sequential;

/**
 * A table of a model's layers for one input shape: per layer its index (a path such as {@code 2.1}
 * inside a nested Sequential), name, output shape, parameter count and multiplication count (from
 * {@link Costed}, else 0) and, for a convolution, the algorithm its engine runs for that shape
 * ({@link RunsOnEngine}), with totals. A layer used twice is listed twice, its parameters counted
 * once in the total.
 */
public final class ModelSummary {
    /** One layer's line; {@code engine} is empty for a layer that does not run on the convolution engine. */
    public record Row(String index, String layer, long[] outputShape, long parameters, long multiplications,
            String engine) {
    }

    private final long[] inputShape;
    private final List<Row> rows;
    private final long totalParameters;
    private final long totalMultiplications;

    private ModelSummary(long[] inputShape, List<Row> rows, long totalParameters, long totalMultiplications) {
        this.inputShape = inputShape;
        this.rows = rows;
        this.totalParameters = totalParameters;
        this.totalMultiplications = totalMultiplications;
    }

    /** Summarises {@code model} for an input of {@code inputShape} (batch axis included). */
    public static ModelSummary of(Sequential model, long... inputShape) {
        List<Row> rows = new ArrayList<>();
        addRows(model, "", inputShape.clone(), rows);
        Set<Parameter> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(model.parameters());
        long params = distinct.stream().mapToLong(Parameter::size).sum();
        long mults = rows.stream().mapToLong(Row::multiplications).sum();
        return new ModelSummary(inputShape.clone(), List.copyOf(rows), params, mults);
    }

    private static long[] addRows(Sequential model, String prefix, long[] shape, List<Row> rows) {
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            String index = prefix + i;
            if (layer instanceof Sequential nested) {
                shape = addRows(nested, index + ".", shape, rows);
                continue;
            }
            long mults;
            String engine;
            try {
                mults = layer instanceof Costed c ? c.multiplications(shape) : 0;
                engine = layer instanceof RunsOnEngine e ? e.engineName(shape) : "";
                shape = layer.outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + index + " (" + layer.name() + "): "
                        + withoutLayerName(e.getMessage(), layer.name()), e);
            }
            long params = layer.parameters().stream().mapToLong(Parameter::size).sum();
            rows.add(new Row(index, layer.name(), shape.clone(), params, mults, engine));
        }
        return shape;
    }

    // Layers start their messages with their own name; the index prefix names it already.
    private static String withoutLayerName(String message, String name) {
        if (message == null) {
            return "does not accept the shape";
        }
        return message.startsWith(name + ": ") ? message.substring(name.length() + 2) : message;
    }

    public List<Row> rows() {
        return rows;
    }

    public long totalParameters() {
        return totalParameters;
    }

    public long totalMultiplications() {
        return totalMultiplications;
    }

    /** The model's output shape. */
    public long[] outputShape() {
        return rows.isEmpty() ? inputShape.clone() : rows.get(rows.size() - 1).outputShape().clone();
    }

    /**
     * An aligned text table with a header, one line per layer and a totals line, then a line naming
     * the algorithm of each convolution ({@code engines: 0 native conv2d, 3 im2col+GEMM}).
     */
    @Override
    public String toString() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"#", "layer", "output shape", "params", "mults"});
        for (Row r : rows) {
            cells.add(new String[] {r.index(), r.layer(), Arrays.toString(r.outputShape()), grouped(r.parameters()),
                grouped(r.multiplications())});
        }
        cells.add(new String[] {"", "total", "input " + Arrays.toString(inputShape), grouped(totalParameters),
            grouped(totalMultiplications)});
        int[] width = new int[5];
        for (String[] row : cells) {
            for (int c = 0; c < 5; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            if (r == 1 || r == cells.size() - 1) {
                out.append("-".repeat(Arrays.stream(width).sum() + 8)).append('\n');
            }
            String[] row = cells.get(r);
            // Text columns left-aligned, numbers right-aligned.
            out.append(pad(row[0], width[0], false)).append("  ").append(pad(row[1], width[1], false)).append("  ")
                    .append(pad(row[2], width[2], false)).append("  ").append(pad(row[3], width[3], true)).append("  ")
                    .append(pad(row[4], width[4], true)).append('\n');
        }
        // The engines on a line of their own under the table, so that the table's columns stay as they are.
        String engines = rows.stream().filter(r -> !r.engine().isEmpty()).map(r -> r.index() + " " + r.engine())
                .collect(java.util.stream.Collectors.joining(", "));
        if (!engines.isEmpty()) {
            out.append("engines: ").append(engines).append('\n');
        }
        return out.toString();
    }

    private static String grouped(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }
}
