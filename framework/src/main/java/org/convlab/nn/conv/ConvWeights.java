package org.convlab.nn.conv;

import java.util.ArrayList;
import java.util.List;
import org.convlab.nn.Init;
import org.convlab.nn.Parameter;

/**
 * A convolution's kernel [a, b, k...] and optional bias [out], initialised as PyTorch does:
 * U(-1/sqrt(fanIn), 1/sqrt(fanIn)) with {@code fanIn = b * prod(k)} for both (Kaiming-uniform with
 * a = sqrt(5)). For a convolution {@code a, b} are (out, in/groups); for a transposed one
 * (in, out/groups), and PyTorch takes its fan-in from the second axis all the same.
 */
final class ConvWeights {
    final Parameter weight;
    final Parameter bias;

    ConvWeights(ConvSpec spec, long first, long second, String weightName) {
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
    }

    /** The weight, then the bias if there is one. */
    List<Parameter> list() {
        List<Parameter> ps = new ArrayList<>(2);
        ps.add(weight);
        if (bias != null) {
            ps.add(bias);
        }
        return ps;
    }
}
