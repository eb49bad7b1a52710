package org.convlab.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.convlab.io.ModelConfig;
import org.convlab.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every layer type a config can hold, built once in FLOAT and once in DOUBLE from the same seed, run
 * forward and backward on the same input scaled by 1e-6 and by 1e6: the float32 output, input
 * gradient and parameter gradients agree with the float64 ones within {@link #TOLERANCE} (normwise:
 * the largest difference over the largest float64 magnitude).
 *
 * <p>Why 1e-4: float32 rounds to a relative 6e-8; each value here is a sum of at most about a hundred
 * products, whose rounding errors add up to at most about 100 x 6e-8 = 6e-6 in the worst case, and the
 * FLOAT weights are the DOUBLE ones rounded. 1e-4 leaves a factor of about 15 over that worst case, yet
 * catches any overflow, underflow to zero, or an epsilon that does not scale (errors of order 1).
 */
class PrecisionAgreementTest {
    static final double TOLERANCE = 1e-4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A small instance of every layer type, with an input shape it accepts. */
    static Map<String, Object[]> layers() {
        Map<String, Object[]> m = new LinkedHashMap<>();
        for (String d : List.of("1", "2", "3")) {
            long[] in = d.equals("1") ? new long[] {2, 2, 9} : d.equals("2") ? new long[] {2, 2, 6, 6} : new long[] {2, 2, 4, 4, 4};
            m.put("Conv" + d + "d", new Object[] {"\"in\":2,\"out\":3,\"kernel\":[3],\"padding\":[1]", in});
            m.put("TrueConv" + d + "d", new Object[] {"\"in\":2,\"out\":3,\"kernel\":[3],\"padding\":[1]", in});
            m.put("ConvTranspose" + d + "d", new Object[] {"\"in\":2,\"out\":3,\"kernel\":[2],\"stride\":[2]", in});
            m.put("MaxPool" + d + "d", new Object[] {"\"kernel\":[2]", in});
            m.put("AvgPool" + d + "d", new Object[] {"\"kernel\":[2]", in});
            long[] bn = in.clone();
            bn[1] = 3;
            m.put("BatchNorm" + d + "d", new Object[] {"\"features\":3", d.equals("1") ? new long[] {4, 3} : bn});
        }
        m.put("DilatedConv2d", new Object[] {"\"in\":2,\"out\":3,\"kernel\":3,\"rate\":2", new long[] {2, 2, 8, 8}});
        m.put("DepthwiseConv2d", new Object[] {"\"channels\":2,\"kernel\":[3],\"depthMultiplier\":2", new long[] {2, 2, 6, 6}});
        m.put("PointwiseConv2d", new Object[] {"\"in\":2,\"out\":3", new long[] {2, 2, 5, 5}});
        m.put("SpatiallySeparableConv2d", new Object[] {"\"in\":2,\"out\":3,\"kernel\":3", new long[] {2, 2, 6, 6}});
        m.put("DepthwiseSeparableConv2d", new Object[] {"\"in\":2,\"out\":4,\"kernel\":[3]", new long[] {2, 2, 6, 6}});
        m.put("GroupedConv2d", new Object[] {"\"in\":4,\"out\":4,\"kernel\":3,\"groups\":2", new long[] {2, 4, 6, 6}});
        m.put("Linear", new Object[] {"\"in\":5,\"out\":3", new long[] {2, 5}});
        for (String t : List.of("ReLU", "Sigmoid", "Tanh", "LeakyReLU", "Flatten")) {
            m.put(t, new Object[] {"", new long[] {2, 3, 4}});
        }
        m.put("GlobalAvgPool", new Object[] {"", new long[] {2, 3, 4, 4}});
        m.put("Dropout", new Object[] {"\"p\":0.3", new long[] {2, 3, 4}});
        m.put("Upsample2d", new Object[] {"\"scale\":2", new long[] {2, 2, 3, 3}});
        return m;
    }

    @Test
    void theCasesCoverEveryLayerTypeAConfigCanHold() {
        Set<String> expected = new TreeSet<>(ModelConfig.layerTypes());
        expected.remove("Sequential");
        assertEquals(expected, new TreeSet<>(layers().keySet()));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        layers().forEach((type, c) -> {
            out.add(Arguments.of(type, c[0], c[1], 1e-6));
            out.add(Arguments.of(type, c[0], c[1], 1e6));
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0} at scale {3}")
    @MethodSource("cases")
    void float32AgreesWithFloat64(String type, String settings, long[] inputShape, double scale) throws Exception {
        Sequential f32 = build(type, settings, DataType.FLOAT);
        Sequential f64 = build(type, settings, DataType.DOUBLE);
        // The input gradient is compared too: a Sequential skips it for its data input unless asked.
        f32.setInputGradientNeeded(true);
        f64.setInputGradientNeeded(true);
        INDArray x64 = Nd4j.rand(DataType.DOUBLE, inputShape).muli(2).subi(1).muli(scale);
        Nd4j.getRandom().setSeed(7);
        INDArray y64 = f64.forward(x64);
        INDArray y32 = f32.forward(x64.castTo(DataType.FLOAT));
        INDArray g64 = Nd4j.rand(DataType.DOUBLE, y64.shape()).muli(2).subi(1);
        INDArray dx64 = f64.backward(g64);
        INDArray dx32 = f32.backward(g64.castTo(DataType.FLOAT));

        double worst = Math.max(error(y32, y64), error(dx32, dx64));
        for (int i = 0; i < f64.parameters().size(); i++) {
            worst = Math.max(worst, error(f32.parameters().get(i).grad(), f64.parameters().get(i).grad()));
        }
        System.out.printf(Locale.ROOT, "precision %s at scale %.0e: normwise float32 error %.2e%n", type, scale, worst);
        assertTrue(worst <= TOLERANCE, type + " at scale " + scale + ": float32 differs from float64 by " + worst);
        assertTrue(y64.amaxNumber().doubleValue() > 0 || type.equals("Dropout"), "a non-trivial output");
    }

    @Test
    void theFloat64ReferenceOfTanhIsExactNearZero() throws Exception {
        // The reference itself is checked where float32 went wrong. ND4J's DOUBLE tanh cancels too, by a
        // relative ~1e-17 / |x| (measured 5e-12 at 1e-6): far below float32's 6e-8 there, so a sound reference.
        double[] x = {1e-6, -3e-6, 5e-6, 1e-3};
        INDArray y = build("Tanh", "", DataType.DOUBLE).forward(Nd4j.createFromArray(x));
        for (int i = 0; i < x.length; i++) {
            assertEquals(Math.tanh(x[i]), y.getDouble(i), 1e-10 * Math.abs(x[i]), "tanh(" + x[i] + ")");
        }
    }

    private static Sequential build(String type, String settings, DataType dataType) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree("{\"type\":\"" + type + "\"" + (settings.isEmpty() ? "" : "," + settings)
                + "}");
        return new ModelConfig(List.of(node), dataType, 11L).build();
    }

    /** max |a - b| / max |b|, in double. */
    private static double error(INDArray a, INDArray b) {
        INDArray d = a.castTo(DataType.DOUBLE).sub(b);
        double norm = b.amaxNumber().doubleValue();
        double diff = d.amaxNumber().doubleValue();
        return norm == 0 ? diff : diff / norm;
    }
}
