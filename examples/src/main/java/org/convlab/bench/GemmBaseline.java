package org.convlab.bench;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The GEMM ceiling: ND4J's {@code Nd4j.gemm} on FLOAT {@code [64 x 576] x [576 x 1024]}, the matrix
 * product an im2col convolution of 64 output channels with 64 input channels and a 3x3 kernel
 * (576 = 64·3·3) over a 32x32 map performs. No convolution built on GEMM can beat it.
 *
 * <p>One call is 2·64·576·1024 = 75,497,472 floating-point operations, so
 * GFLOP/s = {@value #GFLOP_PER_CALL} / (seconds per call), i.e. 75,497 / (µs per call).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GemmBaseline {

    /** Billions of floating-point operations in one call: 2·M·K·N. */
    public static final double GFLOP_PER_CALL = 2.0 * 64 * 576 * 1024 / 1e9;

    private INDArray a;
    private INDArray b;
    private INDArray c;

    @Setup
    public void setUp() {
        Nd4j.getRandom().setSeed(42);
        a = Nd4j.rand(DataType.FLOAT, 64, 576);
        b = Nd4j.rand(DataType.FLOAT, 576, 1024);
        c = Nd4j.create(DataType.FLOAT, 64, 1024);
    }

    /** c = a·b into a preallocated result, so that allocation is not timed. */
    @Benchmark
    public INDArray gemm64x576x1024() {
        return Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    }
}
