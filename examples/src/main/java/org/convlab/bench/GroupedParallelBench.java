package org.convlab.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.convlab.nn.Init;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The article's model parallelism on CPU cores: GroupedConv2d (N=32, 128->128, 16x16, k=3, pad 1,
 * 8 groups) forward+backward with its groups run one after another or concurrently, with the matrix
 * library held to one thread (one core per group, as one GPU per group) or left at its default.
 * Run with {@code ./convlab bench GroupedParallelBench}; JMH forks a JVM per setting.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GroupedParallelBench {

    @Param({"false", "true"})
    public boolean parallel;

    /** Threads of the matrix library; 0 keeps its default. */
    @Param({"1", "0"})
    public int blasThreads;

    private Layer layer;
    private INDArray x;
    private INDArray dy;

    @Setup
    public void setUp() {
        if (blasThreads > 0) {
            Nd4j.factory().blas().setMaxThreads(blasThreads);
            Nd4j.getEnvironment().setMaxThreads(blasThreads);
        }
        layer = BenchCase.GROUPED2D.groupedLayer(parallel);
        x = Init.uniform(1, DataType.FLOAT, -1, 1, BenchCase.GROUPED2D.input);
        dy = Init.uniform(2, DataType.FLOAT, -1, 1, layer.outputShape(BenchCase.GROUPED2D.input));
    }

    @Benchmark
    public INDArray forwardBackward() {
        layer.forward(x);
        INDArray dx = layer.backward(dy);
        layer.parameters().forEach(Parameter::zeroGrad);
        return dx;
    }

    /** Read by the bench command to print GFLOP/s: useful floating-point operations of one call. */
    public static double gflopPerCall(String method, Map<String, String> params) {
        return 3 * 2.0 * BenchCase.GROUPED2D.multiplications() / 1e9;
    }
}
