package org.convlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.convlab.engine.ConvGeometry;
import org.convlab.engine.EngineChoice;
import org.convlab.engine.LoweredConv;
import org.convlab.engine.RunsOnEngine;
import org.convlab.nn.Init;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Every row of issue 9's table (ten convolution shapes, FLOAT) timed, in one JMH fork per row, on
 * every path: the layer on the {@code lowered}, {@code native} and {@code auto} engines, the bare
 * ND4J op calls ({@link NativeConv}) and the bare GEMMs of the lowering ({@link GemmReplay}: the
 * ceiling of any GEMM-based convolution), forward and backward each. Run with
 * {@code ./convlab bench ConvLayerBench}.
 *
 * <p>One benchmark call runs every path once, each timed on its own; the per-path means over the
 * measured iterations are printed by the fork as a table (ms and GFLOP/s) and saved in bench.json
 * as the secondary results {@code <path>Forward}/{@code <path>Backward} in ms. (One JMH benchmark per
 * path and pass would be 100 forks: far too long for a routine run.) The primary score is the time of
 * the whole call, every path together.
 *
 * <p>GFLOP/s are "useful" rates: 2 x the multiplications the convolution needs (padding taps
 * excluded) for the forward pass, twice that for the backward pass (input and weight gradient), the
 * same figure for every path of a row so that they compare directly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConvLayerBench {

    /** The paths of one row, in the order they are run and printed. */
    static final String[] PATHS = {"lowered", "native", "auto", "ops", "gemm"};

    @Param({"conv2d_std", "conv2d_first", "conv2d_stride2", "dilated2d", "grouped2d", "depthwise2d", "pointwise2d",
        "transposed2d", "conv3d", "conv1d"})
    public String shape;

    private BenchCase row;
    private final Layer[] layers = new Layer[3];
    private INDArray x;
    private INDArray dy;
    private NativeConv ops;
    private GemmReplay gemmForward;
    private GemmReplay gemmBackward;
    private boolean measuring;
    private int measuredIterations;
    private final double[] sumMs = new double[2 * PATHS.length];
    private final double[] iterationSumMs = new double[2 * PATHS.length];
    private long calls;
    private long iterationCalls;

    /**
     * The per-path means in ms, as JMH secondary results. JMH adds an "events" counter up over the
     * measured iterations, so each field holds this iteration's mean divided by their number: the
     * sum JMH reports is then the mean of the iteration means.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class PathMs {
        public double loweredForward;
        public double loweredBackward;
        public double nativeForward;
        public double nativeBackward;
        public double autoForward;
        public double autoBackward;
        public double opsForward;
        public double opsBackward;
        public double gemmForward;
        public double gemmBackward;

        void set(double[] meansMs, double scale) {
            loweredForward = meansMs[0] * scale;
            loweredBackward = meansMs[1] * scale;
            nativeForward = meansMs[2] * scale;
            nativeBackward = meansMs[3] * scale;
            autoForward = meansMs[4] * scale;
            autoBackward = meansMs[5] * scale;
            opsForward = meansMs[6] * scale;
            opsBackward = meansMs[7] * scale;
            gemmForward = meansMs[8] * scale;
            gemmBackward = meansMs[9] * scale;
        }

        @Setup(Level.Iteration)
        public void clear() {
            set(new double[2 * PATHS.length], 0);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        row = BenchCase.of(shape);
        EngineChoice[] engines = {EngineChoice.LOWERED, EngineChoice.NATIVE, EngineChoice.AUTO};
        for (int i = 0; i < engines.length; i++) {
            layers[i] = row.layer(engines[i]);
        }
        x = Init.uniform(1, DataType.FLOAT, -1, 1, row.input);
        dy = Init.uniform(2, DataType.FLOAT, -1, 1, layers[0].outputShape(row.input));
        ops = NativeConv.of(row, layers[0], x, dy);
        ConvGeometry g = row.geometry(layers[0]);
        int batch = (int) row.input[0];
        List<LoweredConv.Product> forward = LoweredConv.forwardProducts(g, batch);
        List<LoweredConv.Product> backward = LoweredConv.backwardProducts(g, batch);
        if (row.transposed()) {
            // The transposed layer's forward is the convolution's input-gradient product; its
            // backward the convolution's forward product and its weight-gradient product.
            List<LoweredConv.Product> both = new ArrayList<>(forward);
            both.add(backward.get(0));
            forward = List.of(backward.get(1));
            backward = both;
        }
        gemmForward = new GemmReplay(forward);
        gemmBackward = new GemmReplay(backward);
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        java.util.Arrays.fill(iterationSumMs, 0);
        iterationCalls = 0;
        if (measuring) {
            measuredIterations = iteration.getCount();
        }
    }

    @Benchmark
    public void everyPath(PathMs out) {
        double[] ms = new double[2 * PATHS.length];
        for (int i = 0; i < layers.length; i++) {
            Layer layer = layers[i];
            long t0 = System.nanoTime();
            layer.forward(x);
            long t1 = System.nanoTime();
            layer.backward(dy);
            long t2 = System.nanoTime();
            layer.parameters().forEach(Parameter::zeroGrad);
            ms[2 * i] = (t1 - t0) / 1e6;
            ms[2 * i + 1] = (t2 - t1) / 1e6;
        }
        long t0 = System.nanoTime();
        ops.forward();
        long t1 = System.nanoTime();
        ops.backward();
        long t2 = System.nanoTime();
        gemmForward.run();
        long t3 = System.nanoTime();
        gemmBackward.run();
        long t4 = System.nanoTime();
        ms[6] = (t1 - t0) / 1e6;
        ms[7] = (t2 - t1) / 1e6;
        ms[8] = (t3 - t2) / 1e6;
        ms[9] = (t4 - t3) / 1e6;
        iterationCalls++;
        double[] means = new double[ms.length];
        for (int i = 0; i < ms.length; i++) {
            iterationSumMs[i] += ms[i];
            means[i] = iterationSumMs[i] / iterationCalls;
            if (measuring) {
                sumMs[i] += ms[i];
            }
        }
        if (measuring) {
            calls++;
            out.set(means, 1.0 / measuredIterations);
        }
    }

    /** Prints this row's table: per path forward / backward ms and GFLOP/s, and the algorithms auto picked. */
    @TearDown(Level.Trial)
    public void printRow() {
        if (calls == 0) {
            return;
        }
        double gflop = 2.0 * row.multiplications() / 1e9;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n%s  %s  (auto: %s; PyTorch %.2f / %.2f ms)%n", row.label(),
                java.util.Arrays.toString(row.input), ((RunsOnEngine) layers[2]).engineName(row.input),
                row.torchForwardMs, row.torchBackwardMs));
        for (int p = 0; p < PATHS.length; p++) {
            double f = sumMs[2 * p] / calls;
            double b = sumMs[2 * p + 1] / calls;
            s.append(String.format(Locale.ROOT, "  %-8s forward %8.2f ms %7.1f GFLOP/s   backward %8.2f ms %7.1f GFLOP/s"
                    + "   f+b %8.2f ms = %5.2fx PyTorch%n", PATHS[p], f, gflop / (f / 1e3), b, 2 * gflop / (b / 1e3),
                    f + b, (f + b) / (row.torchForwardMs + row.torchBackwardMs)));
        }
        System.out.print(s);
        System.out.flush();
    }
}
