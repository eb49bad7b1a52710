package org.convlab.nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.convlab.engine.EngineChoice;
import org.convlab.nn.GradientChecker;
import org.convlab.nn.Init;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.convlab.reference.ReferenceConv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Dilated, depthwise, pointwise, grouped and the two separable convolutions. */
class ConvTypesTest {

    /** A named single-convolution layer (a ConvLayer), built for a data type. */
    record Kind(String name, Function<DataType, ConvLayer> make, long[] input) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> singleConvKinds() {
        return Stream.of(
                new Kind("dilated r2", t -> DilatedConv2d.builder(2, 3, 3, 2).padding(1).dataType(t).seed(1).build(),
                        new long[] {2, 2, 7, 7}),
                new Kind("dilated r3 stride2", t -> DilatedConv2d.builder(2, 2, 2, 3).stride(2).dataType(t).seed(1)
                        .build(), new long[] {2, 2, 8, 7}),
                new Kind("depthwise", t -> DepthwiseConv2d.builder(3, 3).padding(1).dataType(t).seed(2).build(),
                        new long[] {2, 3, 5, 5}),
                new Kind("depthwise m2 stride2", t -> DepthwiseConv2d.builder(2, 3, 2).depthMultiplier(2).stride(2)
                        .dataType(t).seed(2).build(), new long[] {2, 2, 6, 5}),
                new Kind("depthwise reflect", t -> DepthwiseConv2d.builder(2, 3).padding(1)
                        .paddingMode(PaddingMode.REFLECT).bias(false).dataType(t).seed(2).build(), new long[] {1, 2, 4, 4}),
                new Kind("pointwise", t -> PointwiseConv2d.builder(4, 3).dataType(t).seed(3).build(),
                        new long[] {2, 4, 3, 5}),
                new Kind("pointwise no bias", t -> PointwiseConv2d.builder(3, 5).bias(false).dataType(t).seed(3).build(),
                        new long[] {3, 3, 2, 2}),
                new Kind("grouped", t -> GroupedConv2d.builder(4, 6, 3, 2).padding(1).dataType(t).seed(4).build(),
                        new long[] {2, 4, 5, 5}),
                new Kind("grouped parallel", t -> GroupedConv2d.builder(4, 8, 3, 4).padding(1).parallel(true)
                        .dataType(t).seed(4).build(), new long[] {2, 4, 5, 5}));
    }

    static Stream<Arguments> singleConvKindsAndTypes() {
        return singleConvKinds().flatMap(k -> Stream.of(ConvLayerTest.ENGINES).flatMap(e -> Stream.of(
                Arguments.of(k, DataType.DOUBLE, e), Arguments.of(k, DataType.FLOAT, e))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("singleConvKindsAndTypes")
    void forwardAndBackwardMatchTheReference(Kind kind, DataType type, EngineChoice engine) {
        ConvLayer layer = kind.make().apply(type);
        layer.setEngine(engine);
        ConvSpec s = layer.spec();
        INDArray x = Init.uniform(11, type, -1, 1, kind.input());
        INDArray y = layer.forward(x);
        INDArray dy = Init.uniform(12, type, -1, 1, y.shape());
        INDArray dx = layer.backward(dy);
        INDArray xPadded = s.paddingMode() == PaddingMode.ZEROS ? x : ConvOracle.pad(x, s.padBefore(), s.padAfter(),
                s.paddingMode());
        int[] before = s.paddingMode() == PaddingMode.ZEROS ? s.padBefore() : new int[2];
        int[] after = s.paddingMode() == PaddingMode.ZEROS ? s.padAfter() : new int[2];
        ReferenceConv.Counted ref = ReferenceConv.crossCorrelation(xPadded, layer.weight().value(),
                layer.bias() == null ? null : layer.bias().value(), s.stride(), before, after, s.dilation(), s.groups());
        double tol = type == DataType.DOUBLE ? 1e-12 : 1e-5;
        assertTrue(ConvOracle.maxAbsDiff(ref.output(), y) < tol, "forward");
        assertEquals(ref.multiplications(), layer.multiplications(x.shape()), "analytic == counted multiplications");
        INDArray dw = ReferenceConv.weightGradient(xPadded, layer.weight().value().shape(), dy, s.stride(), before,
                after, s.dilation(), s.groups());
        assertTrue(ConvOracle.maxAbsDiff(dw, layer.weight().grad()) < tol * 10, "weight gradient");
        if (s.paddingMode() == PaddingMode.ZEROS) {
            INDArray dxRef = ReferenceConv.inputGradient(x.shape(), layer.weight().value(), dy, s.stride(), before,
                    after, s.dilation(), s.groups());
            assertTrue(ConvOracle.maxAbsDiff(dxRef, dx) < tol * 10, "input gradient");
        }
    }

    static Stream<Arguments> allKindsAndEngines() {
        return allKinds().flatMap(a -> Stream.of(ConvLayerTest.ENGINES).map(e -> Arguments.of(a.get()[0], a.get()[1],
                a.get()[2], e)));
    }

    static Stream<Arguments> allKinds() {
        Stream<Arguments> single = singleConvKinds().map(k -> Arguments.of(k.name(),
                (Function<DataType, Layer>) t -> k.make().apply(t), k.input()));
        return Stream.concat(single, Stream.of(
                Arguments.of("spatially separable", (Function<DataType, Layer>) t -> SpatiallySeparableConv2d
                        .builder(2, 3, 3).dataType(t).seed(5).build(), new long[] {2, 2, 5, 6}),
                Arguments.of("spatially separable stride padding", (Function<DataType, Layer>) t ->
                        SpatiallySeparableConv2d.builder(2, 2, 3).stride(2, 1).padding(1, 2).bias(false).dataType(t)
                                .seed(5).build(), new long[] {1, 2, 6, 5}),
                Arguments.of("depthwise separable", (Function<DataType, Layer>) t -> DepthwiseSeparableConv2d
                        .builder(3, 4, 3).padding(1).dataType(t).seed(6).build(), new long[] {2, 3, 5, 5}),
                Arguments.of("depthwise separable m2 dilated", (Function<DataType, Layer>) t -> DepthwiseSeparableConv2d
                        .builder(2, 3, 3).depthMultiplier(2).dilation(2).stride(2).dataType(t).seed(6).build(),
                        new long[] {1, 2, 8, 8})));
    }

    @ParameterizedTest(name = "{0} {3}")
    @MethodSource("allKindsAndEngines")
    void gradientsMatchFiniteDifferences(String name, Function<DataType, Layer> make, long[] input,
            EngineChoice engine) {
        Layer layer = make.apply(DataType.DOUBLE);
        ((org.convlab.engine.RunsOnEngine) layer).setEngine(engine);
        GradientChecker.Result r = GradientChecker.check(layer, Init.uniform(13, DataType.DOUBLE, -1, 1, input));
        assertTrue(r.passed(1e-7), r::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allKinds")
    void outputShapeAgreesWithForwardInBothTypes(String name, Function<DataType, Layer> make, long[] input) {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Layer l = make.apply(t);
            assertArrayEquals(l.outputShape(input), l.forward(Init.uniform(1, t, -1, 1, input)).shape());
        }
    }

    @Test
    void dilatedConvolutionIsConv2dWithDilationAndExposesItsEffectiveKernel() {
        DilatedConv2d d = DilatedConv2d.builder(1, 1, 3, 4).bias(false).dataType(DataType.DOUBLE).seed(1).build();
        assertEquals(9, d.effectiveKernelSize());
        assertEquals(4, d.rate());
        assertEquals(9, d.parameters().get(0).size());
        // The definition sum_{s + l t = p} F(s) k(t), written out for a 1-channel image.
        INDArray x = Init.uniform(2, DataType.DOUBLE, -1, 1, 1, 1, 11, 11);
        INDArray y = d.forward(x);
        INDArray k = d.weight().value();
        double expected = 0;
        for (int ti = 0; ti < 3; ti++) {
            for (int tj = 0; tj < 3; tj++) {
                expected += x.getDouble(0, 0, 1 + 4 * ti, 2 + 4 * tj) * k.getDouble(0, 0, ti, tj);
            }
        }
        assertEquals(expected, y.getDouble(0, 0, 1, 2), 1e-12);
        assertArrayEquals(new long[] {1, 1, 3, 3}, y.shape());
        assertThrows(IllegalArgumentException.class, () -> DilatedConv2d.builder(1, 1, 3, 0).build());
    }

    @Test
    void depthwiseEqualsConv2dWithGroupsEqualToChannelsInPyTorchChannelOrder() {
        DepthwiseConv2d dw = DepthwiseConv2d.builder(3, 3).depthMultiplier(2).padding(1).dataType(DataType.DOUBLE)
                .seed(7).build();
        Conv2d conv = Conv2d.builder(3, 6, 3).groups(3).padding(1).dataType(DataType.DOUBLE).build();
        conv.weight().value().assign(dw.weight().value());
        conv.bias().value().assign(dw.bias().value());
        assertArrayEquals(new long[] {6, 1, 3, 3}, dw.weight().value().shape());
        INDArray x = Init.uniform(3, DataType.DOUBLE, -1, 1, 2, 3, 6, 6);
        assertTrue(ConvOracle.maxAbsDiff(conv.forward(x), dw.forward(x)) < 1e-12);
        // Output channel c*m + j reads only input channel c: perturbing channel 1 moves outputs 2 and 3 only.
        INDArray x2 = x.dup();
        x2.get(NDArrayIndex.all(), NDArrayIndex.point(1)).addi(1.0);
        INDArray delta = dw.forward(x2).sub(dw.forward(x)).amax(0, 2, 3);
        assertArrayEquals(new boolean[] {false, false, true, true, false, false},
                new boolean[] {delta.getDouble(0) > 0, delta.getDouble(1) > 0, delta.getDouble(2) > 0,
                        delta.getDouble(3) > 0, delta.getDouble(4) > 0, delta.getDouble(5) > 0});
    }

    @Test
    void groupedConvolutionEqualsConv2dWithBlockDiagonalFullWeight() {
        GroupedConv2d g = GroupedConv2d.builder(4, 6, 3, 2).padding(1).dataType(DataType.DOUBLE).seed(8).build();
        Conv2d full = Conv2d.builder(4, 6, 3).padding(1).dataType(DataType.DOUBLE).build();
        INDArray w = Nd4j.zeros(DataType.DOUBLE, 6, 4, 3, 3);
        INDArray wg = g.weight().value();
        w.get(NDArrayIndex.interval(0, 3), NDArrayIndex.interval(0, 2)).assign(wg.get(NDArrayIndex.interval(0, 3)));
        w.get(NDArrayIndex.interval(3, 6), NDArrayIndex.interval(2, 4)).assign(wg.get(NDArrayIndex.interval(3, 6)));
        full.weight().value().assign(w);
        full.bias().value().assign(g.bias().value());
        INDArray x = Init.uniform(4, DataType.DOUBLE, -1, 1, 2, 4, 5, 5);
        assertTrue(ConvOracle.maxAbsDiff(full.forward(x), g.forward(x)) < 1e-12);
        // Parameters: h w Din Dout for the full layer, (h w Din/g Dout/g) g for the grouped one.
        assertEquals(3 * 3 * 4 * 6, full.weight().size());
        assertEquals(3 * 3 * (4 / 2) * (6 / 2) * 2, g.weight().size());
    }

    @Test
    void parallelGroupsGiveBitIdenticalResultsToSequentialGroups() {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            GroupedConv2d seq = GroupedConv2d.builder(8, 8, 3, 4).padding(1).dataType(t).seed(9).build();
            GroupedConv2d par = GroupedConv2d.builder(8, 8, 3, 4).padding(1).parallel(true).dataType(t).seed(9).build();
            INDArray x = Init.uniform(5, t, -1, 1, 3, 8, 9, 9);
            INDArray ys = seq.forward(x);
            INDArray yp = par.forward(x);
            INDArray dy = Init.uniform(6, t, -1, 1, ys.shape());
            INDArray dxs = seq.backward(dy);
            INDArray dxp = par.backward(dy);
            assertArrayEquals(ys.data().asDouble(), yp.data().asDouble());
            assertArrayEquals(dxs.data().asDouble(), dxp.data().asDouble());
            assertArrayEquals(seq.weight().grad().data().asDouble(), par.weight().grad().data().asDouble());
            assertArrayEquals(seq.bias().grad().data().asDouble(), par.bias().grad().data().asDouble());
        }
    }

    @Test
    void spatiallySeparableEqualsConv2dWithTheOuterProductKernelSobel() {
        SpatiallySeparableConv2d sep = SpatiallySeparableConv2d.builder(1, 1, 3).bias(false).dataType(DataType.DOUBLE)
                .build();
        sep.vertical().value().assign(Nd4j.create(new double[] {1, 2, 1}, new long[] {1, 1, 3, 1}, 'c'));
        sep.horizontal().value().assign(Nd4j.create(new double[] {-1, 0, 1}, new long[] {1, 1, 1, 3}, 'c'));
        Conv2d sobel = Conv2d.builder(1, 1, 3).bias(false).dataType(DataType.DOUBLE).build();
        sobel.weight().value().assign(Nd4j.create(new double[] {-1, 0, 1, -2, 0, 2, -1, 0, 1},
                new long[] {1, 1, 3, 3}, 'c'));
        INDArray x = Init.uniform(7, DataType.DOUBLE, 0, 1, 2, 1, 7, 8);
        assertTrue(ConvOracle.maxAbsDiff(sobel.forward(x), sep.forward(x)) < 1e-12);
    }

    @Test
    void spatiallySeparableMultiChannelEqualsConv2dWithPerChannelOuterProducts() {
        SpatiallySeparableConv2d sep = SpatiallySeparableConv2d.builder(2, 3, 3).stride(2).padding(1)
                .dataType(DataType.DOUBLE).seed(3).build();
        INDArray v = sep.vertical().value();
        INDArray h = sep.horizontal().value();
        INDArray full = Nd4j.zeros(DataType.DOUBLE, 3, 2, 3, 3);
        for (int o = 0; o < 3; o++) {
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        full.putScalar(new long[] {o, c, i, j}, v.getDouble(o, c, i, 0) * h.getDouble(o, 0, 0, j));
                    }
                }
            }
        }
        Conv2d conv = Conv2d.builder(2, 3, 3).stride(2).padding(1).dataType(DataType.DOUBLE).build();
        conv.weight().value().assign(full);
        conv.bias().value().assign(sep.bias().value());
        INDArray x = Init.uniform(8, DataType.DOUBLE, -1, 1, 2, 2, 7, 7);
        assertTrue(ConvOracle.maxAbsDiff(conv.forward(x), sep.forward(x)) < 1e-12);
        assertEquals(List.of("vertical", "horizontal", "bias"), sep.parameters().stream().map(Parameter::name).toList());
    }

    @Test
    void depthwiseSeparableEqualsDepthwiseThenPointwiseConv2d() {
        DepthwiseSeparableConv2d ds = DepthwiseSeparableConv2d.builder(3, 5, 3).depthMultiplier(2).padding(1)
                .dataType(DataType.DOUBLE).seed(4).build();
        Conv2d depth = Conv2d.builder(3, 6, 3).groups(3).padding(1).bias(false).dataType(DataType.DOUBLE).build();
        Conv2d point = Conv2d.builder(6, 5, 1).dataType(DataType.DOUBLE).build();
        depth.weight().value().assign(ds.depthwise().value());
        point.weight().value().assign(ds.pointwise().value());
        point.bias().value().assign(ds.bias().value());
        INDArray x = Init.uniform(9, DataType.DOUBLE, -1, 1, 2, 3, 6, 6);
        assertTrue(ConvOracle.maxAbsDiff(point.forward(depth.forward(x)), ds.forward(x)) < 1e-12);
        assertEquals(List.of("depthwise", "pointwise", "bias"), ds.parameters().stream().map(Parameter::name).toList());
        assertArrayEquals(new long[] {6, 1, 3, 3}, ds.depthwise().value().shape());
        assertArrayEquals(new long[] {5, 6, 1, 1}, ds.pointwise().value().shape());
    }

    @Test
    void depthwiseMatchesNativeDepthwiseConv2d() {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            DepthwiseConv2d dw = DepthwiseConv2d.builder(4, 3).depthMultiplier(2).stride(2).padding(1).dataType(t)
                    .seed(5).build();
            INDArray x = Init.uniform(10, t, -1, 1, 2, 4, 9, 9);
            INDArray y = dw.forward(x);
            // ND4J's depthwise weights are [kH, kW, iC, m]; ours [iC*m, 1, kH, kW] with channel c*m + j.
            INDArray w = dw.weight().value().reshape(4, 2, 3, 3).permute(2, 3, 0, 1).dup('c');
            INDArray yNative = Nd4j.createUninitialized(t, y.shape());
            Nd4j.exec(DynamicCustomOp.builder("depthwise_conv2d").addInputs(x, w, dw.bias().value())
                    .addOutputs(yNative).addIntegerArguments(3, 3, 2, 2, 1, 1, 1, 1, 0, 0).build());
            assertTrue(ConvOracle.maxAbsDiff(yNative, y) < (t == DataType.DOUBLE ? 1e-10 : 1e-5));
        }
    }

    @Test
    void theCanonsCountsHoldByCounting() {
        INDArray image = Init.uniform(1, DataType.DOUBLE, 0, 1, 1, 1, 5, 5);
        int[] one = {1, 1};
        int[] zero = {0, 0};
        long standard = ReferenceConv.crossCorrelation(image, Nd4j.ones(DataType.DOUBLE, 1, 1, 3, 3), null, one, zero,
                zero, one, 1).multiplications();
        ReferenceConv.Counted vertical = ReferenceConv.crossCorrelation(image, Nd4j.ones(DataType.DOUBLE, 1, 1, 3, 1),
                null, one, zero, zero, one, 1);
        long horizontal = ReferenceConv.crossCorrelation(vertical.output(), Nd4j.ones(DataType.DOUBLE, 1, 1, 1, 3),
                null, one, zero, zero, one, 1).multiplications();
        assertEquals(81, standard);
        assertEquals(45, vertical.multiplications());
        assertEquals(27, horizontal);
        SpatiallySeparableConv2d sep = SpatiallySeparableConv2d.builder(1, 1, 3).build();
        assertArrayEquals(new long[] {45, 27}, sep.stepMultiplications(1, 1, 5, 5));
        assertEquals(81, Conv2d.builder(1, 1, 3).build().multiplications(1, 1, 5, 5));

        INDArray rgb = Init.uniform(2, DataType.DOUBLE, 0, 1, 1, 3, 7, 7);
        long full = ReferenceConv.crossCorrelation(rgb, Nd4j.ones(DataType.DOUBLE, 128, 3, 3, 3), null, one, zero, zero,
                one, 1).multiplications();
        ReferenceConv.Counted depth = ReferenceConv.crossCorrelation(rgb, Nd4j.ones(DataType.DOUBLE, 3, 1, 3, 3), null,
                one, zero, zero, one, 3);
        long point = ReferenceConv.crossCorrelation(depth.output(), Nd4j.ones(DataType.DOUBLE, 128, 3, 1, 1), null, one,
                zero, zero, one, 1).multiplications();
        assertEquals(86400, full);
        assertEquals(675, depth.multiplications());
        assertEquals(9600, point);
        assertArrayEquals(new long[] {675, 9600},
                DepthwiseSeparableConv2d.builder(3, 128, 3).build().stepMultiplications(1, 3, 7, 7));
        assertEquals(86400, Conv2d.builder(3, 128, 3).build().multiplications(1, 3, 7, 7));
    }

    @Test
    void convolutionMatrixOfAFourByFourInputAndThreeByThreeKernelIsFourBySixteen() {
        Conv2d conv = Conv2d.builder(1, 1, 3).bias(false).dataType(DataType.DOUBLE).seed(1).build();
        INDArray c = ReferenceConv.matrix(new long[] {1, 4, 4}, conv.weight().value(), new int[] {1, 1},
                new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1}, 1);
        assertArrayEquals(new long[] {4, 16}, c.shape());
        assertEquals(4 * 9, c.neq(0).castTo(DataType.INT32).sumNumber().intValue(), "9 non-zeros per row");
        INDArray x = Init.uniform(2, DataType.DOUBLE, -1, 1, 1, 1, 4, 4);
        INDArray viaMatrix = c.mmul(x.reshape(16, 1));
        assertTrue(ConvOracle.maxAbsDiff(viaMatrix, conv.forward(x).reshape(4, 1)) < 1e-12);
    }

    @Test
    void badSettingsNameTheSettingAndTheAllowedValues() {
        IllegalArgumentException e;
        e = assertThrows(IllegalArgumentException.class, () -> DepthwiseConv2d.builder(3, 3).depthMultiplier(0).build());
        assertTrue(e.getMessage().contains("depth multiplier") && e.getMessage().contains(">= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DepthwiseSeparableConv2d.builder(3, 4, 3)
                .depthMultiplier(-1).build());
        assertTrue(e.getMessage().contains("depth multiplier"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GroupedConv2d.builder(4, 6, 3, 4).build());
        assertTrue(e.getMessage().contains("groups") && e.getMessage().contains("divide"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DilatedConv2d.builder(1, 1, 3, 0).build());
        assertTrue(e.getMessage().contains("rate") && e.getMessage().contains(">= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DepthwiseConv2d.builder(3, 3).groups(3));
        assertTrue(e.getMessage().contains("groups"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpatiallySeparableConv2d.builder(1, 1, 3).dilation(2)
                .build());
        assertTrue(e.getMessage().contains("dilation"), e.getMessage());
        DilatedConv2d tooWide = DilatedConv2d.builder(1, 1, 3, 4).build();
        e = assertThrows(IllegalArgumentException.class, () -> tooWide.forward(Nd4j.zeros(DataType.FLOAT, 1, 1, 8, 8)));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }
}
