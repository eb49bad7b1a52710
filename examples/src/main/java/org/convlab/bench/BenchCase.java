package org.convlab.bench;

import org.convlab.engine.ConvGeometry;
import org.convlab.nn.Costed;
import org.convlab.nn.Layer;
import org.convlab.nn.conv.Conv1d;
import org.convlab.nn.conv.Conv2d;
import org.convlab.nn.conv.Conv3d;
import org.convlab.nn.conv.ConvLayer;
import org.convlab.nn.conv.ConvTranspose2d;
import org.convlab.nn.conv.ConvTransposeLayer;
import org.convlab.nn.conv.DepthwiseConv2d;
import org.convlab.nn.conv.GroupedConv2d;
import org.convlab.nn.conv.PointwiseConv2d;

/** The benchmarked shapes (FLOAT), as the issues fix them. */
enum BenchCase {
    CONV2D(new long[] {32, 64, 32, 32}),
    CONV1D(new long[] {32, 64, 1024}),
    CONV3D(new long[] {4, 16, 16, 16, 16}),
    DEPTHWISE(new long[] {32, 128, 32, 32}),
    TRANSPOSED(new long[] {32, 64, 16, 16}),
    POINTWISE(new long[] {32, 128, 32, 32}),
    GROUPED(new long[] {32, 128, 16, 16});

    final long[] input;

    BenchCase(long[] input) {
        this.input = input;
    }

    Layer layer() {
        return layer(false);
    }

    Layer layer(boolean parallelGroups) {
        return switch (this) {
            case CONV2D -> Conv2d.builder(64, 64, 3).padding(1).seed(1).build();
            case CONV1D -> Conv1d.builder(64, 64, 5).padding(2).seed(1).build();
            case CONV3D -> Conv3d.builder(16, 16, 3).padding(1).seed(1).build();
            case DEPTHWISE -> DepthwiseConv2d.builder(128, 3).padding(1).seed(1).build();
            case TRANSPOSED -> ConvTranspose2d.builder(64, 32, 4).stride(2).padding(1).seed(1).build();
            case POINTWISE -> PointwiseConv2d.builder(128, 128).seed(1).build();
            case GROUPED -> GroupedConv2d.builder(128, 128, 3, 8).padding(1).parallel(parallelGroups).seed(1).build();
        };
    }

    boolean transposed() {
        return this == TRANSPOSED;
    }

    /** The convolution geometry the engine runs (for the transposed case, the one it is the adjoint of). */
    ConvGeometry geometry(Layer layer) {
        return layer instanceof ConvTransposeLayer t ? t.adjointGeometry(input) : ((ConvLayer) layer).geometry(input);
    }

    long multiplications() {
        return ((Costed) layer()).multiplications(input);
    }
}
