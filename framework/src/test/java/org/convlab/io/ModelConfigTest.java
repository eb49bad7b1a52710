package org.convlab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.convlab.nn.Parameter;
import org.convlab.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

class ModelConfigTest {

    /** One canonical entry per layer type, with non-default settings wherever the layer has them. */
    static Stream<String> entries() {
        return Stream.of(
                "{\"type\":\"Conv1d\",\"in\":2,\"out\":4,\"kernel\":[3],\"stride\":[2],\"padding\":[1],\"dilation\":[2],"
                        + "\"groups\":2,\"bias\":false,\"paddingMode\":\"REFLECT\"}",
                "{\"type\":\"Conv2d\",\"in\":1,\"out\":8,\"kernel\":[3,5],\"padding\":\"same\"}",
                "{\"type\":\"Conv3d\",\"in\":2,\"out\":2,\"kernel\":[3],\"padding\":[1,0,1],\"paddingMode\":\"CIRCULAR\"}",
                "{\"type\":\"TrueConv1d\",\"in\":1,\"out\":2,\"kernel\":[4],\"padding\":\"valid\"}",
                "{\"type\":\"TrueConv2d\",\"in\":2,\"out\":2,\"kernel\":[3],\"stride\":[1,2],\"paddingMode\":\"REPLICATE\",\"padding\":[1]}",
                "{\"type\":\"TrueConv3d\",\"in\":1,\"out\":1,\"kernel\":[1,2,3],\"bias\":false}",
                "{\"type\":\"ConvTranspose1d\",\"in\":2,\"out\":4,\"kernel\":[3],\"stride\":[2],\"padding\":[1],\"outputPadding\":[1]}",
                "{\"type\":\"ConvTranspose2d\",\"in\":4,\"out\":2,\"kernel\":[3],\"groups\":2,\"dilation\":[2]}",
                "{\"type\":\"ConvTranspose3d\",\"in\":1,\"out\":2,\"kernel\":[2],\"stride\":[2],\"bias\":false}",
                "{\"type\":\"DilatedConv2d\",\"in\":2,\"out\":4,\"kernel\":3,\"rate\":2,\"padding\":[2]}",
                "{\"type\":\"DepthwiseConv2d\",\"channels\":3,\"kernel\":[3],\"depthMultiplier\":2,\"padding\":[1]}",
                "{\"type\":\"PointwiseConv2d\",\"in\":3,\"out\":5,\"bias\":false}",
                "{\"type\":\"SpatiallySeparableConv2d\",\"in\":2,\"out\":4,\"kernel\":3,\"stride\":[1,2],\"padding\":[1]}",
                "{\"type\":\"DepthwiseSeparableConv2d\",\"in\":2,\"out\":4,\"kernel\":[3],\"depthMultiplier\":2,\"padding\":\"same\"}",
                "{\"type\":\"GroupedConv2d\",\"in\":4,\"out\":8,\"kernel\":3,\"groups\":2,\"parallel\":true,\"padding\":[1]}",
                "{\"type\":\"Linear\",\"in\":4,\"out\":3,\"bias\":false}",
                "{\"type\":\"ReLU\"}",
                "{\"type\":\"LeakyReLU\",\"slope\":0.2}",
                "{\"type\":\"Sigmoid\"}",
                "{\"type\":\"Tanh\"}",
                "{\"type\":\"MaxPool1d\",\"kernel\":[2]}",
                "{\"type\":\"MaxPool2d\",\"kernel\":[3],\"stride\":[2],\"padding\":[1]}",
                "{\"type\":\"MaxPool3d\",\"kernel\":[2]}",
                "{\"type\":\"AvgPool1d\",\"kernel\":[3],\"stride\":[1]}",
                "{\"type\":\"AvgPool2d\",\"kernel\":[2,3]}",
                "{\"type\":\"AvgPool3d\",\"kernel\":[2],\"padding\":[1]}",
                "{\"type\":\"GlobalAvgPool\"}",
                "{\"type\":\"Flatten\"}",
                "{\"type\":\"BatchNorm1d\",\"features\":4,\"eps\":0.001,\"momentum\":0.2}",
                "{\"type\":\"BatchNorm2d\",\"features\":3}",
                "{\"type\":\"BatchNorm3d\",\"features\":2,\"momentum\":0.5}",
                "{\"type\":\"Dropout\",\"p\":0.25}",
                "{\"type\":\"Upsample2d\",\"scale\":2,\"mode\":\"BILINEAR\"}",
                "{\"type\":\"Sequential\",\"layers\":[{\"type\":\"Conv2d\",\"in\":1,\"out\":2,\"kernel\":[3]},{\"type\":\"ReLU\"}]}");
    }

    private static String model(String entry, String dataType) {
        return "{\"layers\":[" + entry + "],\"dataType\":\"" + dataType + "\",\"seed\":42}";
    }

    @ParameterizedTest
    @MethodSource("entries")
    void configToModelToConfigIsTheSameConfig(String entry) {
        for (String type : List.of("FLOAT", "DOUBLE")) {
            ModelConfig config = ModelConfig.fromJson(model(entry, type));
            Sequential built = config.build();
            if (type.equals("DOUBLE") && built.parameters().isEmpty()) {
                continue; // a model without parameters has no data type to describe
            }
            assertEquals(config, ModelConfig.of(built, 42), entry);
        }
    }

    @ParameterizedTest
    @MethodSource("entries")
    void jsonToConfigToJsonIsTheSameJson(String entry) {
        ModelConfig config = ModelConfig.fromJson(model(entry, "FLOAT"));
        String json = config.toJson();
        ModelConfig again = ModelConfig.fromJson(json);
        assertEquals(config, again);
        assertEquals(json, again.toJson());
    }

    @ParameterizedTest
    @MethodSource("entries")
    void describingWithExplicitSeedsRebuildsTheSameWeights(String entry) {
        Sequential first = ModelConfig.fromJson(model(entry, "DOUBLE")).build();
        Sequential second = ModelConfig.fromJson(ModelConfig.of(first).toJson()).build();
        List<Parameter> a = first.parameters();
        List<Parameter> b = second.parameters();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).value().data().asDouble(), b.get(i).value().data().asDouble(), 0);
        }
    }

    @Test
    void theCasesCoverEveryLayerType() {
        Set<String> covered = entries().map(e -> e.replaceAll("^\\{\"type\":\"(\\w+)\".*", "$1"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(ModelConfig.layerTypes()), covered);
    }

    @Test
    void defaultsMayBeWrittenOutAndBuildTheSameModel() {
        String explicit = "{\"layers\":[{\"type\":\"Conv2d\",\"in\":1,\"out\":2,\"kernel\":[3,3],\"stride\":[1],"
                + "\"padding\":[0,0],\"dilation\":1,\"groups\":1,\"bias\":true,\"paddingMode\":\"ZEROS\"}],\"seed\":7}";
        String minimal = "{\"layers\":[{\"type\":\"Conv2d\",\"in\":1,\"out\":2,\"kernel\":[3]}],\"seed\":7}";
        assertEquals(ModelConfig.fromJson(minimal), ModelConfig.of(ModelConfig.fromJson(explicit).build(), 7));
    }

    @Test
    void theModelSeedFixesTheWeightsAndDifferentSeedsDiffer() {
        String a = "{\"layers\":[{\"type\":\"Linear\",\"in\":3,\"out\":2}],\"seed\":1}";
        String b = "{\"layers\":[{\"type\":\"Linear\",\"in\":3,\"out\":2}],\"seed\":2}";
        float[] w1 = ModelConfig.fromJson(a).build().parameters().get(0).value().data().asFloat();
        float[] w2 = ModelConfig.fromJson(a).build().parameters().get(0).value().data().asFloat();
        float[] w3 = ModelConfig.fromJson(b).build().parameters().get(0).value().data().asFloat();
        assertArrayEquals(w1, w2, 0);
        assertTrue(!java.util.Arrays.equals(w1, w3));
    }

    @Test
    void theDataTypeReachesTheLayers() {
        Sequential m = ModelConfig.fromJson(model("{\"type\":\"Conv2d\",\"in\":1,\"out\":2,\"kernel\":[3]}", "DOUBLE")).build();
        assertEquals(DataType.DOUBLE, m.parameters().get(0).value().dataType());
    }

    private static String error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> ModelConfig.fromJson(json).build()).getMessage();
    }

    @Test
    void anUnknownLayerTypeIsNamedWithItsIndex() {
        String m = error("{\"layers\":[{\"type\":\"ReLU\"},{\"type\":\"Conv4d\",\"in\":1}]}");
        assertTrue(m.startsWith("layer 1: unknown layer type 'Conv4d'"), m);
    }

    @Test
    void aMissingSettingIsNamedWithLayerIndexAndType() {
        String m = error("{\"layers\":[{\"type\":\"ReLU\"},{\"type\":\"Conv2d\",\"in\":1,\"out\":2}]}");
        assertEquals("layer 1 (Conv2d): setting 'kernel' is missing", m);
    }

    @Test
    void anInvalidSettingValueIsNamed() {
        String m = error("{\"layers\":[{\"type\":\"Conv2d\",\"in\":1,\"out\":2,\"kernel\":\"big\"}]}");
        assertTrue(m.startsWith("layer 0 (Conv2d): setting 'kernel' must be an integer"), m);
        String p = error("{\"layers\":[{\"type\":\"Dropout\",\"p\":\"half\"}]}");
        assertTrue(p.startsWith("layer 0 (Dropout): setting 'p' must be a number"), p);
    }

    @Test
    void aSettingRejectedByTheBuilderIsNamedWithTheLayer() {
        String m = error("{\"layers\":[{\"type\":\"Conv2d\",\"in\":4,\"out\":2,\"kernel\":[3],\"groups\":3}]}");
        assertTrue(m.startsWith("layer 0 (Conv2d): ") && m.contains("groups"), m);
        assertTrue(!m.contains("\n"), m);
    }

    @Test
    void anUnknownSettingIsRejectedNotIgnored() {
        String m = error("{\"layers\":[{\"type\":\"Conv2d\",\"in\":1,\"out\":2,\"kernal\":[3],\"kernel\":[3]}]}");
        assertTrue(m.startsWith("layer 0 (Conv2d): unknown setting 'kernal'"), m);
    }

    @Test
    void errorsInsideANestedSequentialNameTheirPath() {
        String m = error("{\"layers\":[{\"type\":\"ReLU\"},{\"type\":\"Sequential\",\"layers\":[{\"type\":\"Tanh\"},"
                + "{\"type\":\"Linear\",\"in\":2}]}]}");
        assertEquals("layer 1.1 (Linear): setting 'out' is missing", m);
    }

    @Test
    void aBadDataTypeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.fromJson("{\"layers\":[],\"dataType\":\"HALF\"}"));
        assertTrue(e.getMessage().contains("dataType"), e.getMessage());
    }
}
