package org.convlab.bench;

import java.util.Locale;
import org.convlab.engine.ConvGeometry;
import org.convlab.engine.EngineChoice;
import org.convlab.nn.Costed;
import org.convlab.nn.Layer;
import org.convlab.nn.conv.Conv1d;
import org.convlab.nn.conv.Conv2d;
import org.convlab.nn.conv.Conv3d;
import org.convlab.nn.conv.ConvLayer;
import org.convlab.nn.conv.ConvTranspose2d;
import org.convlab.nn.conv.ConvTransposeLayer;
import org.convlab.nn.conv.DepthwiseConv2d;
import org.convlab.nn.conv.DilatedConv2d;
import org.convlab.nn.conv.GroupedConv2d;
import org.convlab.nn.conv.PointwiseConv2d;

/** The benchmarked shapes (FLOAT), the rows of issue 9's table, with PyTorch's figures on the same machine. */
enum BenchCase {
    CONV2D_STD(new long[] {32, 64, 32, 32}, 7.35, 16.6),
    CONV2D_FIRST(new long[] {64, 1, 28, 28}, 0.31, 2.13),
    CONV2D_STRIDE2(new long[] {32, 64, 32, 32}, 4.22, 9.84),
    DILATED2D(new long[] {16, 64, 32, 32}, 3.42, 8.03),
    GROUPED2D(new long[] {32, 128, 16, 16}, 1.34, 2.65),
    DEPTHWISE2D(new long[] {32, 128, 32, 32}, 2.55, 7.01),
    POINTWISE2D(new long[] {32, 128, 32, 32}, 4.80, 9.87),
    TRANSPOSED2D(new long[] {32, 64, 16, 16}, 2.00, 3.65),
    CONV3D(new long[] {4, 16, 16, 16, 16}, 0.95, 1.44),
    CONV1D(new long[] {32, 64, 1024}, 5.12, 10.47);

    final long[] input;
    /** PyTorch 1.13 (oneDNN) forward and backward, ms per call, as measured for issue 9. */
    final double torchForwardMs;
    final double torchBackwardMs;

    BenchCase(long[] input, double torchForwardMs, double torchBackwardMs) {
        this.input = input;
        this.torchForwardMs = torchForwardMs;
        this.torchBackwardMs = torchBackwardMs;
    }

    static BenchCase of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The layer of this row (same seed, same weights for every engine). */
    Layer layer(EngineChoice engine) {
        return switch (this) {
            case CONV2D_STD -> Conv2d.builder(64, 64, 3).padding(1).seed(1).engine(engine).build();
            case CONV2D_FIRST -> Conv2d.builder(1, 32, 3).padding(1).seed(1).engine(engine).build();
            case CONV2D_STRIDE2 -> Conv2d.builder(64, 128, 3).stride(2).padding(1).seed(1).engine(engine).build();
            case DILATED2D -> DilatedConv2d.builder(64, 64, 3, 2).padding(2).seed(1).engine(engine).build();
            case GROUPED2D -> GroupedConv2d.builder(128, 128, 3, 8).padding(1).seed(1).engine(engine).build();
            case DEPTHWISE2D -> DepthwiseConv2d.builder(128, 3).padding(1).seed(1).engine(engine).build();
            case POINTWISE2D -> PointwiseConv2d.builder(128, 128).seed(1).engine(engine).build();
            case TRANSPOSED2D -> ConvTranspose2d.builder(64, 32, 4).stride(2).padding(1).seed(1).engine(engine).build();
            case CONV3D -> Conv3d.builder(16, 16, 3).padding(1).seed(1).engine(engine).build();
            case CONV1D -> Conv1d.builder(64, 64, 5).padding(2).seed(1).engine(engine).build();
        };
    }

    /** The grouped row's layer with its groups run one after another or concurrently (GroupedParallelBench). */
    Layer groupedLayer(boolean parallelGroups) {
        return GroupedConv2d.builder(128, 128, 3, 8).padding(1).parallel(parallelGroups).seed(1).build();
    }

    boolean transposed() {
        return this == TRANSPOSED2D;
    }

    /** The convolution geometry the engine runs (for the transposed case, the one it is the adjoint of). */
    ConvGeometry geometry(Layer layer) {
        return layer instanceof ConvTransposeLayer t ? t.adjointGeometry(input) : ((ConvLayer) layer).geometry(input);
    }

    long multiplications() {
        return ((Costed) layer(EngineChoice.LOWERED)).multiplications(input);
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
