package org.convlab.nn.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.convlab.nn.Layer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** A wrong input is an IllegalArgumentException that names the layer, what it expected and what it got. */
class BadInputTest {

    private static Arguments bad(String layerName, Supplier<Layer> layer, DataType type, long[] shape, String expected) {
        return Arguments.of(layerName, layer, type, shape, expected);
    }

    static Stream<Arguments> badInputs() {
        DataType f = DataType.FLOAT;
        return Stream.of(
                bad("Linear", () -> new Linear(4, 2), f, new long[] {3, 4, 1}, "[N, in=4]"),
                bad("Linear", () -> new Linear(4, 2), f, new long[] {3, 5}, "4"),
                bad("Linear", () -> new Linear(4, 2), DataType.DOUBLE, new long[] {3, 4}, "FLOAT"),
                bad("MaxPool1d", () -> new MaxPool1d(2), f, new long[] {2, 3, 4, 4}, "[N, C, L]"),
                bad("AvgPool2d", () -> new AvgPool2d(2), f, new long[] {2, 3, 4}, "[N, C, H, W]"),
                bad("MaxPool3d", () -> new MaxPool3d(2), f, new long[] {2, 3, 4, 4}, "[N, C, D, H, W]"),
                bad("BatchNorm1d", () -> new BatchNorm1d(3), f, new long[] {2, 3, 4, 4}, "[N, C] or [N, C, L]"),
                bad("BatchNorm1d", () -> new BatchNorm1d(3), f, new long[] {2, 5}, "3"),
                bad("BatchNorm2d", () -> new BatchNorm2d(3), f, new long[] {2, 4, 5, 5}, "3"),
                bad("BatchNorm3d", () -> new BatchNorm3d(3), f, new long[] {2, 3, 5, 5}, "[N, C, D, H, W]"),
                bad("BatchNorm2d", () -> new BatchNorm2d(3), DataType.DOUBLE, new long[] {2, 3, 5, 5}, "FLOAT"),
                bad("BatchNorm2d", () -> new BatchNorm2d(3, DataType.DOUBLE), f, new long[] {2, 3, 5, 5}, "DOUBLE"),
                bad("Upsample2d", () -> new Upsample2d(2, Upsample2d.Mode.BILINEAR), f, new long[] {2, 3, 5}, "[N, C, H, W]"),
                bad("GlobalAvgPool", GlobalAvgPool::new, f, new long[] {2, 3}, "[N, C, spatial...]"),
                bad("Flatten", Flatten::new, f, new long[] {5}, "[N, ...]"),
                bad("ReLU", ReLU::new, DataType.INT32, new long[] {2, 3}, "FLOAT"),
                bad("Dropout", () -> new Dropout(0.5, 1), DataType.INT32, new long[] {2, 3}, "FLOAT"));
    }

    @ParameterizedTest(name = "{0} {2} {3}")
    @MethodSource("badInputs")
    void messageNamesLayerExpectedAndActual(String layerName, Supplier<Layer> layer, DataType type, long[] shape,
            String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.get().forward(Nd4j.zeros(type, shape)));
        String m = e.getMessage();
        assertTrue(m.startsWith(layerName + ":"), "names the layer: " + m);
        assertTrue(m.contains(expected), "names what was expected (" + expected + "): " + m);
        boolean namesActual = m.contains(Arrays.toString(shape)) || m.contains(type.toString());
        assertTrue(namesActual, "names what it got: " + m);
    }
}
