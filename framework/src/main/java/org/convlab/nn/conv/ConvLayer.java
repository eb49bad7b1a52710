package org.convlab.nn.conv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.convlab.engine.ConvAlgorithm;
import org.convlab.engine.ConvGeometry;
import org.convlab.nn.Checks;
import org.convlab.nn.Recycler;
import org.convlab.nn.SavedForBackward;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A convolution of any rank on the engine ({@link ConvAlgorithm}): the cross-correlation
 * {@code y[o] = b[o] + sum_{c in group(o)} sum_t w[o, c, t] x[c, p*s + t*d - pad]}, or with
 * {@code flipsKernel} the true convolution, which is the same with the stored kernel reversed on
 * every spatial axis. Non-zero padding modes pad explicitly before a zero-padded convolution.
 * The geometry of each input shape and its algorithm are built once and cached; outputs and input
 * gradients come from a {@link Recycler} (see its aliasing rule).
 */
public class ConvLayer extends KernelLayer {
    private final boolean flipsKernel;
    private final SavedForBackward<Saved> saved;
    private final Map<List<Long>, ConvGeometry> geometries = new HashMap<>();
    private final Recycler arrays = new Recycler();

    private record Saved(INDArray engineInput, ConvGeometry geometry, ConvAlgorithm algorithm, INDArray engineWeight,
            int[] inSize, INDArray output) {
    }

    /** @param groupPool runs the groups concurrently when not null (results are identical) */
    ConvLayer(ConvSpec spec, boolean flipsKernel, ExecutorService groupPool) {
        this(spec, flipsKernel, groupPool, "weight");
    }

    /** A convolution whose weight parameter is called {@code weightName} (a step of a composite layer). */
    ConvLayer(ConvSpec spec, boolean flipsKernel, ExecutorService groupPool, String weightName) {
        super(spec, spec.outChannels(), spec.inChannels() / spec.groups(), weightName, false, groupPool);
        this.saved = new SavedForBackward<>(spec.describe());
        this.flipsKernel = flipsKernel;
    }

    @Override
    public INDArray forward(INDArray input) {
        Checks.requireDataType(spec.describe(), input, spec.dataType());
        ConvGeometry g = geometry(input.shape());
        INDArray x = spec.paddingMode() == PaddingMode.ZEROS ? input
                : ModePadding.pad(input, spec.padBefore(), spec.padAfter(), spec.paddingMode());
        INDArray w = flipsKernel ? KernelFlip.flip(weight().value()) : weight().value();
        ConvAlgorithm algorithm = algorithm(g);
        INDArray y = algorithm.forward(x, w, bias() == null ? null : bias().value(),
                arrays.output(spec.dataType(), g.outputShape(input.size(0))));
        saved.push(new Saved(x, g, algorithm, w, spatial(input.shape()), y));
        return y;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        Saved s = saved.pop();
        long n = gradOutput.size(0);
        Checks.requireSameShape(spec.describe() + " gradient of the output", s.geometry().outputShape(n),
                gradOutput.shape());
        INDArray dBias = bias() == null ? null : bias().grad();
        INDArray dx = inputGradientNeeded()
                ? arrays.gradient(spec.dataType(), s.engineInput().shape(), gradOutput) : null;
        if (flipsKernel) {
            // The engine accumulates the gradient of the flipped kernel: start it from zero.
            INDArray dFlipped = Nd4j.zeros(weight().grad().dataType(), weight().grad().shape());
            s.algorithm().backward(s.engineInput(), s.engineWeight(), gradOutput, dFlipped, dBias, dx);
            weight().grad().addi(KernelFlip.flip(dFlipped));
        } else {
            s.algorithm().backward(s.engineInput(), s.engineWeight(), gradOutput, weight().grad(), dBias, dx);
        }
        arrays.release(s.output());
        if (dx == null || spec.paddingMode() == PaddingMode.ZEROS) {
            return dx;
        }
        return ModePadding.unpadGradient(dx, s.inSize(), spec.padBefore(), spec.padAfter(), spec.paddingMode());
    }

    @Override
    public long[] outputShape(long... inputShape) {
        return geometry(inputShape).outputShape(inputShape[0]);
    }

    @Override
    public long multiplications(long... inputShape) {
        return inputShape[0] * geometry(inputShape).multiplicationsPerSample();
    }

    @Override
    ConvGeometry geometryOf(long... inputShape) {
        return geometry(inputShape);
    }

    /** The engine geometry for an input shape, validated and cached. */
    public ConvGeometry geometry(long... inputShape) {
        String who = spec.describe();
        String layout = spec.rank() == 1 ? "[N, C, L]" : spec.rank() == 2 ? "[N, C, H, W]" : "[N, C, D, H, W]";
        Checks.requireRank(who, inputShape, spec.rank() + 2, layout);
        Checks.requireSize(who, inputShape, 1, spec.inChannels(), "input channels");
        List<Long> key = Arrays.stream(inputShape).skip(1).boxed().toList();
        synchronized (geometries) {
            ConvGeometry g = geometries.get(key);
            if (g == null) {
                g = newGeometry(who, spatial(inputShape));
                geometries.put(key, g);
            }
            return g;
        }
    }

    private ConvGeometry newGeometry(String who, int[] in) {
        int[] before = spec.padBefore();
        int[] after = spec.padAfter();
        if (spec.paddingMode() == PaddingMode.ZEROS) {
            return new ConvGeometry(who, spec.inChannels(), spec.outChannels(), spec.groups(), in, spec.kernel(),
                    spec.stride(), before, after, spec.dilation());
        }
        int[] padded = new int[in.length];
        for (int a = 0; a < in.length; a++) {
            int limit = spec.paddingMode() == PaddingMode.REFLECT ? in[a] - 1 : spec.paddingMode() == PaddingMode.CIRCULAR
                    ? in[a] : Integer.MAX_VALUE;
            if (before[a] > limit || after[a] > limit) {
                throw new IllegalArgumentException(who + ": " + spec.paddingMode() + " padding of " + before[a] + "+"
                        + after[a] + " needs at most " + limit + " on spatial axis " + a + " of size " + in[a]);
            }
            padded[a] = in[a] + before[a] + after[a];
        }
        int[] zero = new int[in.length];
        return new ConvGeometry(who, spec.inChannels(), spec.outChannels(), spec.groups(), padded, spec.kernel(),
                spec.stride(), zero, zero, spec.dilation());
    }

    private static int[] spatial(long[] shape) {
        int[] s = new int[shape.length - 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(shape[i + 2]);
        }
        return s;
    }

    @Override
    public String toString() {
        return spec.toString() + " engine=" + engine();
    }
}
