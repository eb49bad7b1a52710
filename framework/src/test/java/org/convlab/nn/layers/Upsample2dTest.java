package org.convlab.nn.layers;

import static org.convlab.nn.layers.TestArrays.assertGradientsMatch;
import static org.convlab.nn.layers.TestArrays.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.convlab.nn.layers.Upsample2d.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Upsample2dTest {
    private static final INDArray ONE_TWO_THREE_FOUR = Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {1, 1, 2, 2}, 'c');

    static Stream<Arguments> cases() {
        return Stream.of(Mode.values()).flatMap(m -> Stream.of(
                Arguments.of(m, 2, new long[] {1, 1, 2, 2}),
                Arguments.of(m, 2, new long[] {2, 3, 3, 4}),
                Arguments.of(m, 3, new long[] {1, 2, 4, 3}),
                Arguments.of(m, 1, new long[] {1, 1, 3, 3})));
    }

    @Test
    void nearestRepeatsEachPixel() {
        INDArray y = new Upsample2d(2, Mode.NEAREST).forward(ONE_TWO_THREE_FOUR);
        assertValues(new double[] {
            1, 1, 2, 2,
            1, 1, 2, 2,
            3, 3, 4, 4,
            3, 3, 4, 4}, y, 0);
    }

    @Test
    void bilinearHandValues() {
        // Output column 1 centre maps to input x = 1.5 / 2 - 0.5 = 0.25: 0.75 * 1 + 0.25 * 2 = 1.25;
        // column 0 maps to -0.25, clamped to 0: the edge value repeats.
        INDArray y = new Upsample2d(2, Mode.BILINEAR).forward(ONE_TWO_THREE_FOUR);
        assertValues(new double[] {
            1.0, 1.25, 1.75, 2.0,
            1.5, 1.75, 2.25, 2.5,
            2.5, 2.75, 3.25, 3.5,
            3.0, 3.25, 3.75, 4.0}, y, 1e-12);
    }

    /** Each output pixel from its source coordinate, computed directly per pixel. */
    private static double[] reference(double[] x, long[] shape, int scale, Mode mode) {
        int h = (int) shape[2];
        int w = (int) shape[3];
        int planes = (int) (shape[0] * shape[1]);
        double[] y = new double[planes * h * scale * w * scale];
        int o = 0;
        for (int p = 0; p < planes; p++) {
            for (int oh = 0; oh < h * scale; oh++) {
                for (int ow = 0; ow < w * scale; ow++, o++) {
                    if (mode == Mode.NEAREST) {
                        y[o] = x[p * h * w + (int) Math.floor(oh / (double) scale) * w + (int) Math.floor(ow / (double) scale)];
                        continue;
                    }
                    double sy = Math.max(0, (oh + 0.5) / scale - 0.5);
                    double sx = Math.max(0, (ow + 0.5) / scale - 0.5);
                    int y0 = (int) Math.floor(sy);
                    int x0 = (int) Math.floor(sx);
                    int y1 = Math.min(y0 + 1, h - 1);
                    int x1 = Math.min(x0 + 1, w - 1);
                    double fy = sy - y0;
                    double fx = sx - x0;
                    double top = (1 - fx) * x[p * h * w + y0 * w + x0] + fx * x[p * h * w + y0 * w + x1];
                    double bottom = (1 - fx) * x[p * h * w + y1 * w + x0] + fx * x[p * h * w + y1 * w + x1];
                    y[o] = (1 - fy) * top + fy * bottom;
                }
            }
        }
        return y;
    }

    @ParameterizedTest(name = "{0} x{1} {2}")
    @MethodSource("cases")
    void forwardMatchesReference(Mode mode, int scale, long[] shape) {
        INDArray x = TestArrays.uniform(1, shape);
        INDArray y = new Upsample2d(scale, mode).forward(x);
        assertArrayEquals(new long[] {shape[0], shape[1], shape[2] * scale, shape[3] * scale}, y.shape());
        assertValues(reference(TestArrays.values(x), shape, scale, mode), y, 1e-12);
    }

    @ParameterizedTest(name = "{0} x{1} {2}")
    @MethodSource("cases")
    void backwardIsTheAdjoint(Mode mode, int scale, long[] shape) {
        // <A x, g> = <x, A^T g> for random x and g.
        Upsample2d up = new Upsample2d(scale, mode);
        INDArray x = TestArrays.uniform(2, shape);
        INDArray ax = up.forward(x);
        INDArray g = TestArrays.uniform(3, ax.shape());
        INDArray atg = up.backward(g);
        assertEquals(ax.mul(g).sumNumber().doubleValue(), x.mul(atg).sumNumber().doubleValue(), 1e-10);
    }

    @ParameterizedTest(name = "{0} x{1} {2}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(Mode mode, int scale, long[] shape) {
        assertGradientsMatch(new Upsample2d(scale, mode), TestArrays.uniform(4, shape));
    }
}
