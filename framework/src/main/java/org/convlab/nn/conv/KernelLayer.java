package org.convlab.nn.conv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 */
public abstract class KernelLayer implements Layer, Costed {
    protected final ConvSpec spec;
    private final Parameter weight;
    private final Parameter bias;
    private final List<Parameter> parameters;

    KernelLayer(ConvSpec spec, long first, long second, String weightName) {
        this.spec = spec;
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
