package org.convlab.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.convlab.engine.ConvEngine;
import org.convlab.engine.ConvGeometry;
import org.convlab.nn.GradMode;
import org.convlab.nn.Init;
import org.convlab.nn.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Each convolution type of ConvLab against, in the same run, ND4J's native op on the same shapes
 * and the bare matrix products ConvLab's lowering hands to GEMM (the ceiling a GEMM-based
 * convolution cannot beat). Run with {@code ./convlab bench ConvLayerBench}.
 *
 * <p>GFLOP/s are "useful" rates: 2 x the multiplications the convolution needs (padding taps
 * excluded) per pass, three passes (forward, input gradient, weight gradient) for forward+backward,
 * the same figure for every row of a case so that the rows compare directly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConvLayerBench {

    @Param({"conv2d", "conv1d", "conv3d", "depthwise", "transposed", "pointwise", "grouped"})
    public String shape;

    private BenchCase bench;
    private Layer layer;
    private INDArray x;
    private INDArray dy;
    private NativeConv nativeOp;
    private GemmReplay gemmForward;
    private GemmReplay gemmBackward;

    @Setup
    public void setUp() {
        bench = BenchCase.valueOf(shape.toUpperCase(java.util.Locale.ROOT));
        layer = bench.layer();
        x = Init.uniform(1, org.nd4j.linalg.api.buffer.DataType.FLOAT, -1, 1, bench.input);
        dy = Init.uniform(2, org.nd4j.linalg.api.buffer.DataType.FLOAT, -1, 1, layer.outputShape(bench.input));
        nativeOp = NativeConv.of(bench, layer, x, dy);
        ConvGeometry g = bench.geometry(layer);
        int batch = (int) bench.input[0];
        List<ConvEngine.Product> forward = bench.transposed() ? onlyInputGradient(g, batch)
                : ConvEngine.forwardProducts(g, batch);
        List<ConvEngine.Product> backward = bench.transposed()
                ? concat(ConvEngine.forwardProducts(g, batch), ConvEngine.backwardProducts(g, batch).subList(0, 1))
                : ConvEngine.backwardProducts(g, batch);
        gemmForward = new GemmReplay(forward);
        gemmBackward = new GemmReplay(backward);
    }

    private static List<ConvEngine.Product> onlyInputGradient(ConvGeometry g, int batch) {
        List<ConvEngine.Product> all = ConvEngine.backwardProducts(g, batch);
        return all.subList(1, 2);
    }

    private static List<ConvEngine.Product> concat(List<ConvEngine.Product> a, List<ConvEngine.Product> b) {
        List<ConvEngine.Product> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Benchmark
    public INDArray convlabForward() {
        try (GradMode.Scope ignored = GradMode.disabled()) {
            return layer.forward(x);
        }
    }

    @Benchmark
    public INDArray convlabForwardBackward() {
        layer.forward(x);
        INDArray dx = layer.backward(dy);
        layer.parameters().forEach(org.convlab.nn.Parameter::zeroGrad);
        return dx;
    }

    @Benchmark
    public INDArray nativeForward() {
        return nativeOp.forward();
    }

    @Benchmark
    public INDArray nativeForwardBackward() {
        nativeOp.forward();
        return nativeOp.backward();
    }

    @Benchmark
    public INDArray gemmForward() {
        return gemmForward.run();
    }

    @Benchmark
    public INDArray gemmForwardBackward() {
        gemmForward.run();
        return gemmBackward.run();
    }

    /** Read by the bench command to print GFLOP/s: useful floating-point operations of one call. */
    public static double gflopPerCall(String method, Map<String, String> params) {
        BenchCase c = BenchCase.valueOf(params.get("shape").toUpperCase(java.util.Locale.ROOT));
        double pass = 2.0 * c.multiplications() / 1e9;
        return method.endsWith("ForwardBackward") ? 3 * pass : pass;
    }
}
