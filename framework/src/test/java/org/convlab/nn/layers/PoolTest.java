package org.convlab.nn.layers;

import static org.convlab.nn.layers.TestArrays.assertGradientsMatch;
import static org.convlab.nn.layers.TestArrays.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.convlab.nn.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PoolTest {

    /** A pooling configuration: per-axis kernel, stride and padding, and an input shape. */
    record Config(int[] kernel, int[] stride, int[] padding, long[] inputShape) {
        int rank() {
            return inputShape.length - 2;
        }

        Layer max() {
            return switch (rank()) {
                case 1 -> new MaxPool1d(kernel[0], stride[0], padding[0]);
                case 2 -> new MaxPool2d(kernel, stride, padding);
                default -> new MaxPool3d(kernel, stride, padding);
            };
        }

        Layer avg() {
            return switch (rank()) {
                case 1 -> new AvgPool1d(kernel[0], stride[0], padding[0]);
                case 2 -> new AvgPool2d(kernel, stride, padding);
                default -> new AvgPool3d(kernel, stride, padding);
            };
        }

        @Override
        public String toString() {
            return "k" + Arrays.toString(kernel) + " s" + Arrays.toString(stride) + " p" + Arrays.toString(padding)
                    + " in" + Arrays.toString(inputShape);
        }
    }

    private static Config c(int[] k, int[] s, int[] p, long... shape) {
        return new Config(k, s, p, shape);
    }

    static Stream<Config> configs() {
        return Stream.of(
                c(new int[] {2}, new int[] {2}, new int[] {0}, 2, 3, 7),
                c(new int[] {3}, new int[] {1}, new int[] {1}, 1, 2, 5),
                c(new int[] {3}, new int[] {2}, new int[] {1}, 2, 1, 8),
                c(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, 2, 3, 4, 5),
                c(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, 1, 2, 7, 6),
                c(new int[] {2, 3}, new int[] {1, 2}, new int[] {1, 1}, 2, 2, 5, 7),
                c(new int[] {2, 2, 2}, new int[] {2, 2, 2}, new int[] {0, 0, 0}, 1, 2, 4, 4, 4),
                c(new int[] {3, 3, 3}, new int[] {2, 2, 2}, new int[] {1, 1, 1}, 1, 1, 5, 6, 7),
                c(new int[] {1, 2, 3}, new int[] {1, 1, 2}, new int[] {0, 1, 1}, 2, 1, 3, 4, 6));
    }

    /**
     * The definition, one output at a time: visit every kernel offset of the window, read the input
     * where the coordinate is inside, count a padding position as 0 for the average and skip it for
     * the maximum.
     */
    static double[] referencePool(double[] x, Config cfg, boolean max) {
        long[] in = cfg.inputShape();
        int rank = cfg.rank();
        int[] inSize = new int[rank];
        int[] outSize = new int[rank];
        for (int a = 0; a < rank; a++) {
            inSize[a] = (int) in[2 + a];
            outSize[a] = (inSize[a] + 2 * cfg.padding()[a] - cfg.kernel()[a]) / cfg.stride()[a] + 1;
        }
        int planes = (int) (in[0] * in[1]);
        int inPlane = Arrays.stream(inSize).reduce(1, (a, b) -> a * b);
        int outPlane = Arrays.stream(outSize).reduce(1, (a, b) -> a * b);
        int windowSize = Arrays.stream(cfg.kernel()).reduce(1, (a, b) -> a * b);
        double[] y = new double[planes * outPlane];
        for (int plane = 0; plane < planes; plane++) {
            for (int o = 0; o < outPlane; o++) {
                int[] oIdx = unravel(o, outSize);
                double acc = max ? Double.NEGATIVE_INFINITY : 0;
                for (int w = 0; w < windowSize; w++) {
                    int[] kIdx = unravel(w, cfg.kernel());
                    int flat = 0;
                    boolean inside = true;
                    for (int a = 0; a < rank; a++) {
                        int coord = oIdx[a] * cfg.stride()[a] - cfg.padding()[a] + kIdx[a];
                        inside &= coord >= 0 && coord < inSize[a];
                        flat = flat * inSize[a] + coord;
                    }
                    if (inside) {
                        double v = x[plane * inPlane + flat];
                        acc = max ? Math.max(acc, v) : acc + v;
                    }
                }
                y[plane * outPlane + o] = max ? acc : acc / windowSize;
            }
        }
        return y;
    }

    /** Row-major multi-index of {@code flat} in an array of the given sizes. */
    private static int[] unravel(int flat, int[] sizes) {
        int[] idx = new int[sizes.length];
        for (int a = sizes.length - 1; a >= 0; a--) {
            idx[a] = flat % sizes[a];
            flat /= sizes[a];
        }
        return idx;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void maxPoolForwardMatchesReference(Config cfg) {
        INDArray x = TestArrays.uniform(1, cfg.inputShape());
        INDArray y = cfg.max().forward(x);
        assertArrayEquals(cfg.max().outputShape(cfg.inputShape()), y.shape());
        assertValues(referencePool(TestArrays.values(x), cfg, true), y, 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void avgPoolForwardMatchesReference(Config cfg) {
        INDArray x = TestArrays.uniform(2, cfg.inputShape());
        INDArray y = cfg.avg().forward(x);
        assertValues(referencePool(TestArrays.values(x), cfg, false), y, 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void maxPoolGradientsMatchFiniteDifferences(Config cfg) {
        assertGradientsMatch(cfg.max(), TestArrays.distinct(3, cfg.inputShape()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void avgPoolGradientsMatchFiniteDifferences(Config cfg) {
        assertGradientsMatch(cfg.avg(), TestArrays.uniform(4, cfg.inputShape()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void floatInputGivesFloatOutputCloseToDouble(Config cfg) {
        INDArray x = TestArrays.uniform(5, cfg.inputShape());
        INDArray yFloat = cfg.avg().forward(x.castTo(DataType.FLOAT));
        assertEquals(DataType.FLOAT, yFloat.dataType());
        assertValues(TestArrays.values(cfg.avg().forward(x)), yFloat, 1e-6);
    }

    @Test
    void avgPoolCountsPaddingAsZeros() {
        INDArray y = new AvgPool1d(3, 1, 1).forward(Nd4j.create(new double[] {1, 2, 3}, new long[] {1, 1, 3}, 'c'));
        assertValues(new double[] {1, 2, 5.0 / 3}, y, 1e-12);
    }

    @Test
    void maxPoolIgnoresPadding() {
        INDArray y = new MaxPool1d(3, 1, 1).forward(Nd4j.create(new double[] {-1, -2, -3}, new long[] {1, 1, 3}, 'c'));
        assertValues(new double[] {-1, -1, -2}, y, 0);
    }

    @Test
    void maxPoolBackwardRoutesToFirstMaximumOnTies() {
        MaxPool2d pool = new MaxPool2d(2);
        pool.forward(Nd4j.create(new double[] {5, 5, 1, 5}, new long[] {1, 1, 2, 2}, 'c'));
        INDArray dx = pool.backward(Nd4j.create(new double[] {7}, new long[] {1, 1, 1, 1}, 'c'));
        assertValues(new double[] {7, 0, 0, 0}, dx, 0);
    }

    @Test
    void sharedPoolBackwardPairsWithForwardLastInFirstOut() {
        MaxPool1d pool = new MaxPool1d(2);
        pool.forward(Nd4j.create(new double[] {1, 0}, new long[] {1, 1, 2}, 'c'));
        pool.forward(Nd4j.create(new double[] {0, 1}, new long[] {1, 1, 2}, 'c'));
        INDArray g = Nd4j.create(new double[] {1}, new long[] {1, 1, 1}, 'c');
        assertValues(new double[] {0, 1}, pool.backward(g), 0);
        assertValues(new double[] {1, 0}, pool.backward(g), 0);
    }

    @Test
    void strideDefaultsToKernel() {
        assertArrayEquals(new long[] {2, 3, 2, 3}, new MaxPool2d(3).outputShape(2, 3, 7, 9));
        assertArrayEquals(new long[] {1, 1, 2, 2, 2}, new AvgPool3d(2).outputShape(1, 1, 4, 5, 4));
    }

    @Test
    void paddingWiderThanHalfTheKernelIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(2, 2, 2));
        assertTrue(e.getMessage().contains("MaxPool2d") && e.getMessage().contains("padding"), e.getMessage());
    }

    @Test
    void inputSmallerThanTheKernelIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AvgPool2d(3).outputShape(1, 1, 2, 5));
        assertTrue(e.getMessage().contains("AvgPool2d") && e.getMessage().contains("[1, 1, 2, 5]"), e.getMessage());
    }
}
