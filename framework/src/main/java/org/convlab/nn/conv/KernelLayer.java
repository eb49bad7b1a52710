package org.convlab.nn.conv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.convlab.engine.ConvAlgorithm;
import org.convlab.engine.ConvAlgorithms;
import org.convlab.engine.ConvGeometry;
import org.convlab.engine.EngineChoice;
import org.convlab.engine.RunsOnEngine;
import org.convlab.nn.Costed;
import org.convlab.nn.Init;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;

/**
 * What a convolution and a transposed convolution share: their validated settings and their kernel
 * [a, b, k...] with an optional bias [out], initialised as PyTorch does — U(-1/sqrt(fanIn),
 * 1/sqrt(fanIn)) with {@code fanIn = b * prod(k)} for both (Kaiming-uniform with a = sqrt(5)). For a
 * convolution {@code a, b} are (out, in/groups); for a transposed one (in, out/groups), and PyTorch
 * takes its fan-in from the second axis all the same.
 *
 * <p>Also shared: the engine setting, the algorithm picked once per (geometry, engine setting) and
 * cached, and whether backward must compute the input gradient.
 */
public abstract class KernelLayer implements Layer, Costed, RunsOnEngine {
    protected final ConvSpec spec;
    private final Parameter weight;
    private final Parameter bias;
    private final List<Parameter> parameters;
    private final boolean transposed;
    private final ExecutorService groupPool;
    private final Map<ConvGeometry, ConvAlgorithm[]> algorithms = new HashMap<>();
    private EngineChoice engine;
    private boolean inputGradientNeeded = true;

    /**
     * @param transposed whether the layer computes the transposed convolution of its geometry
     * @param groupPool runs groups concurrently when not null
     */
    KernelLayer(ConvSpec spec, long first, long second, String weightName, boolean transposed,
            ExecutorService groupPool) {
        this.spec = spec;
        this.transposed = transposed;
        this.groupPool = groupPool;
        long[] shape = new long[spec.rank() + 2];
        shape[0] = first;
        shape[1] = second;
        long fanIn = second;
        for (int a = 0; a < spec.rank(); a++) {
            shape[a + 2] = spec.kernel()[a];
            fanIn *= spec.kernel()[a];
        }
        weight = new Parameter(weightName, Init.kaimingUniform(spec.seed(), spec.dataType(), fanIn, shape));
        bias = spec.bias()
                ? new Parameter("bias", Init.kaimingUniform(spec.seed() + 1, spec.dataType(), fanIn, spec.outChannels()))
                : null;
        List<Parameter> ps = new ArrayList<>(2);
        ps.add(weight);
        if (bias != null) {
            ps.add(bias);
        }
        parameters = Collections.unmodifiableList(ps);
    }

    @Override
    public EngineChoice engine() {
        return engine != null ? engine : EngineChoice.getDefault();
    }

    @Override
    public void setEngine(EngineChoice choice) {
        this.engine = choice;
    }

    @Override
    public String engineName(long... inputShape) {
        ConvAlgorithm a = algorithm(geometryOf(inputShape));
        return transposed ? a.transposedName() : a.name();
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    /** Whether backward computes and returns dLoss/dInput (true unless told otherwise). */
    public boolean inputGradientNeeded() {
        return inputGradientNeeded;
    }

    /** The validated, cached geometry the engine runs for an input of this shape. */
    abstract ConvGeometry geometryOf(long... inputShape);

    /** The algorithm of a geometry under the current engine setting, picked once and cached. */
    final ConvAlgorithm algorithm(ConvGeometry g) {
        EngineChoice choice = engine();
        synchronized (algorithms) {
            ConvAlgorithm[] byChoice = algorithms.computeIfAbsent(g, k -> new ConvAlgorithm[EngineChoice.values().length]);
            if (byChoice[choice.ordinal()] == null) {
                byChoice[choice.ordinal()] = ConvAlgorithms.choose(g, spec.dataType(), choice, transposed, groupPool);
            }
            return byChoice[choice.ordinal()];
        }
    }

    public ConvSpec spec() {
        return spec;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias parameter, or null when built with {@code .bias(false)}. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public String name() {
        return spec.kind();
    }

    /** The weight, then the bias if there is one. */
    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
