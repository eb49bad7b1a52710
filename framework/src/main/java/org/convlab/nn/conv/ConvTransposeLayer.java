package org.convlab.nn.conv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.convlab.engine.ConvAlgorithm;
import org.convlab.engine.ConvGeometry;
import org.convlab.nn.Checks;
import org.convlab.nn.Recycler;
import org.convlab.nn.SavedForBackward;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The transposed convolution ("deconvolution", fractionally strided convolution) of any rank: the
 * adjoint of the convolution with the same weights, stride, padding, dilation and groups. If that
 * convolution maps a large input to a small output as {@code vec(small) = C vec(large)}, this layer
 * computes {@code vec(large) = C^T vec(small)} (+ bias). So its forward pass is the convolution's
 * input gradient, and its backward pass is the convolution's forward pass (for dInput) and the
 * convolution's weight gradient with the roles of input and output gradient exchanged.
 *
 * <p>On the engine it is the {@link ConvAlgorithm}'s transposed pass of that geometry (native:
 * deconv2d / deconv3d; otherwise the adjoint identities). Geometry and algorithm are cached per
 * input shape; outputs and input gradients come from a {@link Recycler} (see its aliasing rule).
 *
 * <p>Output size per axis: {@code (in-1)s - 2p + d(k-1) + outputPadding + 1}.
 * Weight [in, out/groups, k...], bias [out].
 */
public class ConvTransposeLayer extends KernelLayer {
    private final SavedForBackward<Saved> saved;
    private final Map<List<Long>, ConvGeometry> geometries = new HashMap<>();
    private final Recycler arrays = new Recycler();

    private record Saved(INDArray input, ConvGeometry geometry, ConvAlgorithm algorithm, INDArray output) {
    }

    ConvTransposeLayer(ConvSpec spec) {
        super(spec, spec.inChannels(), spec.outChannels() / spec.groups(), "weight", true, null);
        this.saved = new SavedForBackward<>(spec.describe());
    }

    @Override
    public INDArray forward(INDArray input) {
        Checks.requireDataType(spec.describe(), input, spec.dataType());
        ConvGeometry g = adjointGeometry(input.shape());
        ConvAlgorithm algorithm = algorithm(g);
        INDArray y = algorithm.transposedForward(input, weight().value(), bias() == null ? null : bias().value(),
                arrays.output(spec.dataType(), g.inputShape(input.size(0))));
        saved.push(new Saved(input, g, algorithm, y));
        return y;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        Saved s = saved.pop();
        Checks.requireSameShape(spec.describe() + " gradient of the output", s.geometry().inputShape(gradOutput.size(0)),
                gradOutput.shape());
        INDArray dx = inputGradientNeeded() ? arrays.gradient(spec.dataType(), s.input().shape(), gradOutput) : null;
        s.algorithm().transposedBackward(s.input(), weight().value(), gradOutput, weight().grad(),
                bias() == null ? null : bias().grad(), dx);
        arrays.release(s.output());
        return dx;
    }

    @Override
    public long[] outputShape(long... inputShape) {
        return adjointGeometry(inputShape).inputShape(inputShape[0]);
    }

    /** As many multiplications as the convolution it is the adjoint of: one per (input element, valid tap, output channel). */
    @Override
    public long multiplications(long... inputShape) {
        return inputShape[0] * adjointGeometry(inputShape).multiplicationsPerSample();
    }

    @Override
    ConvGeometry geometryOf(long... inputShape) {
        return adjointGeometry(inputShape);
    }

    /**
     * The convolution this layer is the adjoint of: it maps this layer's output size back to its
     * input size. Its end padding is {@code p - outputPadding}, so that it lands on exactly the
     * input size even when the output padding reaches the stride (allowed when below the dilation).
     * Built once per input shape.
     */
    public ConvGeometry adjointGeometry(long... inputShape) {
        String who = spec.describe();
        String layout = spec.rank() == 1 ? "[N, C, L]" : spec.rank() == 2 ? "[N, C, H, W]" : "[N, C, D, H, W]";
        Checks.requireRank(who, inputShape, spec.rank() + 2, layout);
        Checks.requireSize(who, inputShape, 1, spec.inChannels(), "input channels");
        List<Long> key = Arrays.stream(inputShape).skip(1).boxed().toList();
        synchronized (geometries) {
            ConvGeometry g = geometries.get(key);
            if (g == null) {
                g = newAdjointGeometry(who, inputShape);
                geometries.put(key, g);
            }
            return g;
        }
    }

    private ConvGeometry newAdjointGeometry(String who, long[] inputShape) {
        int rank = spec.rank();
        int[] outSize = new int[rank];
        int[] padEnd = new int[rank];
        for (int a = 0; a < rank; a++) {
            int in = Math.toIntExact(inputShape[a + 2]);
            outSize[a] = (in - 1) * spec.stride()[a] - 2 * spec.padding()[a]
                    + spec.dilation()[a] * (spec.kernel()[a] - 1) + spec.outputPadding()[a] + 1;
            if (outSize[a] < 1) {
                throw new IllegalArgumentException(who + ": the output would be empty on spatial axis " + a + " (size "
                        + outSize[a] + " from input " + Arrays.toString(inputShape) + "); reduce the padding");
            }
            padEnd[a] = spec.padding()[a] - spec.outputPadding()[a];
        }
        return new ConvGeometry(who, spec.outChannels(), spec.inChannels(), spec.groups(), outSize, spec.kernel(),
                spec.stride(), spec.padding(), padEnd, spec.dilation());
    }

    @Override
    public String toString() {
        return spec.toString() + " outputPadding=" + Arrays.toString(spec.outputPadding()) + " engine=" + engine();
    }
}
