package org.convlab.nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.convlab.engine.EngineChoice;
import org.convlab.nn.GradientChecker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every case runs on both engines (lowered and native; AUTO in {@link EngineAgreementTest}). */
class ConvLayerTest {

    static final EngineChoice[] ENGINES = {EngineChoice.LOWERED, EngineChoice.NATIVE};

    static Stream<ConvCase> cases() {
        return Stream.of(
                ConvCase.of(1, 2, 3, 3),
                ConvCase.of(1, 2, 3, 3).stride(2).pad(1).size(8),
                ConvCase.of(1, 4, 2, 2).groups(2).dilation(2).size(7),
                ConvCase.of(1, 2, 2, 4).word("same").size(6),
                ConvCase.of(1, 2, 2, 3).pad(2).mode(PaddingMode.REFLECT).size(5),
                ConvCase.of(2, 2, 3, 3),
                ConvCase.of(2, 2, 3, 3).pad(1).noBias(),
                ConvCase.of(2, 3, 2, 2).stride(2).size(6),
                ConvCase.of(2, 2, 2, 3).dilation(2).pad(1).size(7),
                ConvCase.of(2, 2, 3, 1).dilation(2).size(4),
                ConvCase.of(2, 4, 6, 3).groups(2).pad(1),
                ConvCase.of(2, 4, 4, 3).groups(4).stride(2).pad(1),
                ConvCase.of(2, 2, 2, 4).word("same").size(5),
                ConvCase.of(2, 2, 2, 3).word("valid"),
                ConvCase.of(2, 2, 2, 3).pad(1).mode(PaddingMode.REFLECT),
                ConvCase.of(2, 2, 2, 3).pad(2).mode(PaddingMode.REPLICATE),
                ConvCase.of(2, 2, 2, 3).pad(1).mode(PaddingMode.CIRCULAR).stride(2),
                ConvCase.of(2, 2, 2, 2).word("same").mode(PaddingMode.REFLECT),
                ConvCase.of(2, 1, 2, 3).size(40).batch(5).pad(1),
                ConvCase.of(3, 2, 2, 3).size(4),
                ConvCase.of(3, 2, 3, 2).stride(2).pad(1).size(5).batch(1),
                ConvCase.of(3, 2, 2, 3).pad(1).mode(PaddingMode.CIRCULAR).size(4).batch(1),
                ConvCase.of(3, 4, 2, 3).groups(2).dilation(2).pad(2).size(5).batch(1));
    }

    static Stream<Arguments> casesAndTypes() {
        return cases().flatMap(c -> Stream.of(ENGINES).flatMap(e -> Stream.of(Arguments.of(c, DataType.DOUBLE, e),
                Arguments.of(c, DataType.FLOAT, e))));
    }

    static Stream<Arguments> casesAndEngines() {
        return cases().flatMap(c -> Stream.of(ENGINES).map(e -> Arguments.of(c, e)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("casesAndTypes")
    void forwardMatchesReferenceDefinition(ConvCase c, DataType type, EngineChoice engine) {
        ConvLayer conv = c.conv(type, engine);
        INDArray x = c.input(type, 3);
        INDArray y = conv.forward(x);
        INDArray expected = ConvOracle.reference(conv, x, conv.weight().value());
        assertArrayEquals(expected.shape(), y.shape(), "shape");
        assertArrayEquals(expected.shape(), conv.outputShape(x.shape()), "outputShape");
        double tol = type == DataType.DOUBLE ? 1e-12 : 1e-5;
        assertTrue(ConvOracle.maxAbsDiff(expected, y) < tol, () -> "max diff " + ConvOracle.maxAbsDiff(expected, y));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndEngines")
    void convolutionGradientsMatchFiniteDifferences(ConvCase c, EngineChoice engine) {
        ConvCase small = c.size() > 8 ? c.size(8).batch(2) : c;
        GradientChecker.Result r = GradientChecker.check(small.conv(DataType.DOUBLE, engine),
                small.input(DataType.DOUBLE, 5));
        assertTrue(r.passed(1e-7), r::toString);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndEngines")
    void trueConvolutionGradientsMatchFiniteDifferences(ConvCase c, EngineChoice engine) {
        ConvCase small = c.size() > 8 ? c.size(8).batch(2) : c;
        GradientChecker.Result r = GradientChecker.check(small.trueConv(DataType.DOUBLE, engine),
                small.input(DataType.DOUBLE, 6));
        assertTrue(r.passed(1e-7), r::toString);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndEngines")
    void trueConvolutionIsCrossCorrelationWithFlippedKernel(ConvCase c, EngineChoice engine) {
        ConvLayer trueConv = c.trueConv(DataType.DOUBLE, engine);
        INDArray x = c.input(DataType.DOUBLE, 9);
        INDArray y = trueConv.forward(x);
        INDArray expected = ConvOracle.reference(trueConv, x, ConvOracle.flip(trueConv.weight().value()));
        assertTrue(ConvOracle.maxAbsDiff(expected, y) < 1e-12);
    }
}
