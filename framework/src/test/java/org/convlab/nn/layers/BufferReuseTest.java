package org.convlab.nn.layers;

import static org.convlab.nn.layers.TestArrays.assertValues;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.convlab.engine.EngineChoice;
import org.convlab.nn.GradMode;
import org.convlab.nn.GradientChecker;
import org.convlab.nn.Layer;
import org.convlab.nn.Recycler;
import org.convlab.nn.Sequential;
import org.convlab.nn.conv.Conv1d;
import org.convlab.nn.conv.Conv2d;
import org.convlab.nn.conv.ConvTranspose2d;
import org.convlab.nn.conv.DepthwiseConv2d;
import org.convlab.nn.conv.PaddingMode;
import org.convlab.nn.conv.PointwiseConv2d;
import org.convlab.nn.conv.TrueConv2d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The aliasing rule of {@link Recycler}: reuse happens, and never while someone may still read an array. */
class BufferReuseTest {

    static List<Arguments> layers() {
        return List.of(
                Arguments.of("MaxPool2d", (Supplier<Layer>) () -> new MaxPool2d(2), new long[] {2, 3, 4, 4}),
                Arguments.of("AvgPool1d", (Supplier<Layer>) () -> new AvgPool1d(3, 1, 1), new long[] {2, 3, 5}),
                Arguments.of("GlobalAvgPool", (Supplier<Layer>) GlobalAvgPool::new, new long[] {2, 3, 4, 4}),
                Arguments.of("ReLU", (Supplier<Layer>) ReLU::new, new long[] {2, 3, 4}),
                Arguments.of("Sigmoid", (Supplier<Layer>) Sigmoid::new, new long[] {2, 3, 4}),
                Arguments.of("Linear", (Supplier<Layer>) () -> Linear.builder(4, 3).dataType(DataType.DOUBLE).seed(1)
                        .build(), new long[] {2, 4}),
                Arguments.of("BatchNorm2d", (Supplier<Layer>) () -> new BatchNorm2d(3, DataType.DOUBLE),
                        new long[] {2, 3, 4, 4}),
                Arguments.of("Conv2d native", (Supplier<Layer>) () -> Conv2d.builder(3, 4, 3).padding(1).seed(1)
                        .dataType(DataType.DOUBLE).engine(EngineChoice.NATIVE).build(), new long[] {2, 3, 5, 5}),
                Arguments.of("Conv2d lowered", (Supplier<Layer>) () -> Conv2d.builder(3, 4, 3).padding(1).seed(1)
                        .dataType(DataType.DOUBLE).engine(EngineChoice.LOWERED).build(), new long[] {2, 3, 5, 5}),
                Arguments.of("Conv1d reflect-padded", (Supplier<Layer>) () -> Conv1d.builder(3, 2, 3).padding(1)
                        .paddingMode(PaddingMode.REFLECT).dataType(DataType.DOUBLE).seed(1).build(), new long[] {2, 3, 6}),
                Arguments.of("TrueConv2d", (Supplier<Layer>) () -> TrueConv2d.builder(3, 4, 3).dataType(DataType.DOUBLE)
                        .seed(1).build(), new long[] {2, 3, 5, 5}),
                Arguments.of("DepthwiseConv2d", (Supplier<Layer>) () -> DepthwiseConv2d.builder(3, 3).padding(1)
                        .dataType(DataType.DOUBLE).seed(1).build(), new long[] {2, 3, 5, 5}),
                Arguments.of("PointwiseConv2d", (Supplier<Layer>) () -> PointwiseConv2d.builder(3, 4)
                        .dataType(DataType.DOUBLE).seed(1).build(), new long[] {2, 3, 5, 5}),
                Arguments.of("ConvTranspose2d native", (Supplier<Layer>) () -> ConvTranspose2d.builder(3, 2, 4).stride(2)
                        .padding(1).dataType(DataType.DOUBLE).engine(EngineChoice.NATIVE).seed(1).build(),
                        new long[] {2, 3, 4, 4}),
                Arguments.of("ConvTranspose2d lowered", (Supplier<Layer>) () -> ConvTranspose2d.builder(3, 2, 3)
                        .stride(2).dataType(DataType.DOUBLE).engine(EngineChoice.LOWERED).seed(1).build(),
                        new long[] {2, 3, 4, 4}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void anOutputIsReusedOnlyAfterItsBackward(String name, Supplier<Layer> make, long[] shape) {
        Layer layer = make.get();
        Layer fresh = make.get();
        INDArray x1 = TestArrays.distinct(1, shape);
        INDArray x2 = TestArrays.distinct(2, shape);
        INDArray y1 = layer.forward(x1);
        double[] y1Values = TestArrays.values(y1);
        INDArray y2 = layer.forward(x2); // y1 not back-propagated yet: may be held by the next layer
        assertNotSame(y1.data(), y2.data(), name + ": a second forward before backward must not reuse the first output");
        assertValues(y1Values, y1, 0);
        INDArray g = TestArrays.uniform(3, y1.shape());
        INDArray dx2 = layer.backward(g);
        double[] dx2Values = TestArrays.values(dx2);
        layer.backward(g);
        INDArray y3 = layer.forward(x1);
        // the steady state: after its backward, an output buffer serves the next forward
        assertTrue(y3.data() == y1.data() || y3.data() == y2.data(), name + ": expected a reused output buffer");
        assertValues(TestArrays.values(fresh.forward(x1)), y3, 0);
        fresh.forward(x2);
        assertValues(dx2Values, fresh.backward(g), 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void evaluationOutputsAreFresh(String name, Supplier<Layer> make, long[] shape) {
        Layer layer = make.get();
        try (GradMode.Scope ignored = GradMode.disabled()) {
            INDArray y1 = layer.forward(TestArrays.distinct(4, shape));
            double[] kept = TestArrays.values(y1);
            INDArray y2 = layer.forward(TestArrays.distinct(5, shape));
            assertNotSame(y1.data(), y2.data());
            assertValues(kept, y1, 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void neitherTheInputNorTheOutputGradientIsWritten(String name, Supplier<Layer> make, long[] shape) {
        Layer layer = make.get();
        INDArray x = TestArrays.distinct(6, shape);
        double[] xKept = TestArrays.values(x);
        INDArray y = layer.forward(x);
        INDArray g = TestArrays.uniform(7, y.shape());
        double[] gKept = TestArrays.values(g);
        layer.backward(g);
        assertValues(xKept, x, 0);
        assertValues(gKept, g, 0);
    }

    @Test
    void aLayerAppliedTwiceInARowGetsCorrectGradients() {
        // backward of the second use returns an array that the first use receives as its gradOutput:
        // that array must not double as the first use's input gradient.
        AvgPool1d pool = new AvgPool1d(3, 1, 1);
        ReLU relu = new ReLU();
        Sequential net = new Sequential(Linear.builder(5, 5).dataType(DataType.DOUBLE).seed(2).build(),
                new org.convlab.nn.layers.Flatten(), relu, relu);
        GradientChecker.Result r = GradientChecker.check(net, TestArrays.distinct(8, 3, 5));
        assertTrue(r.passed(TestArrays.GRADIENT_TOLERANCE), r.toString());
        Sequential pools = new Sequential(pool, pool, pool);
        GradientChecker.Result p = GradientChecker.check(pools, TestArrays.uniform(9, 2, 2, 6));
        assertTrue(p.passed(TestArrays.GRADIENT_TOLERANCE), p.toString());
    }

    @Test
    void reluOutputOfTheLastStepIsReusedInTheNextStep() {
        ReLU relu = new ReLU();
        INDArray x = TestArrays.uniform(10, 4, 6);
        INDArray y1 = relu.forward(x);
        relu.backward(TestArrays.uniform(11, 4, 6));
        assertSame(y1, relu.forward(x), "the steady state allocates no new output");
    }
}
