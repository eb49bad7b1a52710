package org.convlab.engine;

import java.util.concurrent.ExecutorService;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Picks the algorithm of one geometry, once. The rules of {@link EngineChoice#AUTO} come from
 * measurements on the oneDNN build (README, "Benchmarks"), and are fixed rules rather than a timing
 * at run time, so that a model computes the same bits on every run:
 * <ol>
 *   <li>depthwise (one input channel per group, several groups): the direct kernel — no ND4J op
 *       does it in reasonable time, and lowering it hands GEMM thousands of one-row products;</li>
 *   <li>a 1x1 convolution with stride 1 and no groups: the pointwise GEMMs on the arrays in place
 *       (ND4J's 1x1 conv2d measured 2-4x slower than the plain GEMMs);</li>
 *   <li>FLOAT, where ND4J's ops can compute the geometry ({@link NativeConv#supports}): native —
 *       oneDNN's kernels, several times faster than lowering (grouped: one op per group; dilated: the
 *       kernel spread over its span with zeros, up to 3x the multiplications);</li>
 *   <li>a single input channel (a first layer) off the ops (DOUBLE): the direct kernel with the
 *       outputs as multiplier. In FLOAT the op is faster: conv2d_first (64x1x28x28 to 32 channels)
 *       took 2.5 / 8.2 ms forward / backward natively, 7.8 / 12.9 ms on the direct kernel;</li>
 *   <li>everything else, and every DOUBLE convolution: im2col + GEMM. ND4J's DOUBLE ops run generic
 *       code, 20-40x slower than their FLOAT oneDNN kernels and slower than lowering.</li>
 * </ol>
 * {@link EngineChoice#NATIVE} uses the ops wherever they can compute the geometry (DOUBLE too), else
 * the same fallback as AUTO; {@link EngineChoice#LOWERED} lowers everything.
 */
public final class ConvAlgorithms {
    private ConvAlgorithms() {
    }

    /**
     * The algorithm for convolutions (or, with {@code transposed}, transposed convolutions) of
     * geometry {@code g} in {@code type}.
     *
     * @param groupPool when not null, groups may run concurrently on it (results are identical)
     */
    public static ConvAlgorithm choose(ConvGeometry g, DataType type, EngineChoice choice, boolean transposed,
            ExecutorService groupPool) {
        boolean nativeFits = transposed ? NativeConv.supportsTransposed(g, type) : NativeConv.supports(g, type);
        switch (choice) {
            case LOWERED:
                return new LoweredConv(g, groupPool);
            case NATIVE:
                return nativeFits ? new NativeConv(g, type, groupPool) : fallback(g, groupPool);
            default:
                boolean depthwise = g.groups > 1 && DepthwiseKernel.applies(g);
                if (PointwiseGemm.applies(g)) {
                    return new PointwiseGemm(g);
                }
                if (!depthwise && nativeFits && type == DataType.FLOAT) {
                    return new NativeConv(g, type, groupPool);
                }
                return fallback(g, groupPool);
        }
    }

    /** The best algorithm that is not ND4J's op. */
    private static ConvAlgorithm fallback(ConvGeometry g, ExecutorService groupPool) {
        if (PointwiseGemm.applies(g)) {
            return new PointwiseGemm(g);
        }
        if (DepthwiseKernel.applies(g)) {
            return new DepthwiseDirect(g);
        }
        return new LoweredConv(g, groupPool);
    }
}
