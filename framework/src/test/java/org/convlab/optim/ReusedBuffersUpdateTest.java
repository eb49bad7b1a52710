package org.convlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.convlab.nn.Init;
import org.convlab.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The updates write into reused working arrays; they must give the same bits as the formulas
 * written plainly with a fresh array per operation (the form they replaced). FLOAT parameters take
 * the one-pass loops of {@link FusedFloatUpdate}, which must give the same bits as the ND4J formulas
 * run on the same FLOAT arrays, for every optimizer variant and size, and leave views to ND4J.
 */
class ReusedBuffersUpdateTest {
    private static final int STEPS = 4;

    private static Parameter parameter(DataType type) {
        return new Parameter("w", Init.uniform(1, type, -1, 1, 3, 5));
    }

    private static INDArray gradient(DataType type, int step) {
        return Init.uniform(10 + step, type, -1, 1, 3, 5);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.01})
    void adamGivesTheBitsOfThePlainFormula(double weightDecay) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Parameter p = parameter(type);
            Optimizer adam = Adam.builder(List.of(p)).learningRate(0.01).weightDecay(weightDecay).build();
            INDArray value = p.value().dup();
            INDArray m = value.ulike().assign(0);
            INDArray v = value.ulike().assign(0);
            for (int t = 1; t <= STEPS; t++) {
                INDArray grad = gradient(type, t);
                p.zeroGrad();
                p.grad().addi(grad);
                adam.step();
                INDArray g = weightDecay != 0 ? grad.add(value.mul(weightDecay)) : grad;
                m.muli(0.9).addi(g.mul(1 - 0.9));
                v.muli(0.999).addi(g.mul(g).muli(1 - 0.999));
                INDArray den = Transforms.sqrt(v, true).divi(Math.sqrt(1 - Math.pow(0.999, t))).addi(1e-8);
                value.subi(m.div(den).muli(0.01 / (1 - Math.pow(0.9, t))));
                assertArrayEquals(value.data().asDouble(), p.value().data().asDouble(), 0.0, type + " step " + t);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "momentum", "nesterov", "decay"})
    void sgdGivesTheBitsOfThePlainFormula(String variant) {
        double momentum = variant.equals("plain") ? 0 : 0.9;
        double decay = variant.equals("decay") ? 0.01 : 0;
        boolean nesterov = variant.equals("nesterov");
        Parameter p = parameter(DataType.FLOAT);
        Optimizer sgd = SGD.builder(List.of(p), 0.05).momentum(momentum).nesterov(nesterov).weightDecay(decay).build();
        INDArray value = p.value().dup();
        INDArray buffer = value.ulike().assign(0);
        for (int t = 1; t <= STEPS; t++) {
            INDArray grad = gradient(DataType.FLOAT, t);
            p.zeroGrad();
            p.grad().addi(grad);
            sgd.step();
            INDArray d = decay != 0 ? grad.add(value.mul(decay)) : grad;
            if (momentum != 0) {
                buffer.muli(momentum).addi(d);
                d = nesterov ? d.add(buffer.mul(momentum)) : buffer;
            }
            value.subi(d.mul(0.05));
            assertArrayEquals(value.data().asDouble(), p.value().data().asDouble(), 0.0, variant + " step " + t);
        }
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("adam", (Function<List<Parameter>, Optimizer>) ps ->
                        Adam.builder(ps).learningRate(0.01).build()),
                Arguments.of("adam-l2", (Function<List<Parameter>, Optimizer>) ps ->
                        Adam.builder(ps).learningRate(0.01).weightDecay(0.03).build()),
                Arguments.of("adamw", (Function<List<Parameter>, Optimizer>) ps ->
                        AdamW.builder(ps).learningRate(0.01).weightDecay(0.03).build()),
                Arguments.of("adamw-no-decay", (Function<List<Parameter>, Optimizer>) ps ->
                        AdamW.builder(ps).learningRate(0.01).weightDecay(0).build()),
                Arguments.of("sgd", (Function<List<Parameter>, Optimizer>) ps -> SGD.builder(ps, 0.05).build()),
                Arguments.of("sgd-decay", (Function<List<Parameter>, Optimizer>) ps ->
                        SGD.builder(ps, 0.05).weightDecay(0.01).build()),
                Arguments.of("sgd-momentum", (Function<List<Parameter>, Optimizer>) ps ->
                        SGD.builder(ps, 0.05).momentum(0.9).weightDecay(0.01).build()),
                Arguments.of("sgd-nesterov", (Function<List<Parameter>, Optimizer>) ps ->
                        SGD.builder(ps, 0.05).momentum(0.9).nesterov(true).build()));
    }

    /** Every variant at one element, an odd small size, and several parallel chunks with a ragged last one. */
    static Stream<Arguments> variantsAndSizes() {
        long[] sizes = {1, 7, 30 * FusedFloatUpdate.CHUNK + 3};
        return variants().flatMap(v -> java.util.Arrays.stream(sizes)
                .mapToObj(n -> Arguments.of(v.get()[0], n, v.get()[1])));
    }

    @ParameterizedTest(name = "{0} size {1}")
    @MethodSource("variantsAndSizes")
    void fusedFloatLoopsGiveTheBitsOfTheNd4jFormulas(String name, long size, Function<List<Parameter>, Optimizer> make) {
        INDArray start = Init.uniform(3, DataType.FLOAT, -1, 1, size);
        assertTrue(FusedFloatUpdate.applies(start), "the fused path must be the one under test");
        int steps = size > 1000 ? 6 : 40;
        compareWithNd4j(name, () -> start.dup(), make, steps);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void viewParametersFallBackToNd4j(String name, Function<List<Parameter>, Optimizer> make) {
        INDArray parent = Init.uniform(4, DataType.FLOAT, -1, 1, 9, 8);
        // Offset 0 but a row stride of 8: its memory is not its elements in order.
        Supplier<INDArray> view = () -> parent.dup().get(NDArrayIndex.interval(0, 7), NDArrayIndex.interval(0, 5));
        assertFalse(FusedFloatUpdate.applies(view.get()));
        compareWithNd4j(name, view, make, 10);
        // Off-set too, and a layout other than c.
        compareWithNd4j(name, () -> parent.dup().get(NDArrayIndex.interval(2, 9), NDArrayIndex.interval(3, 8)), make, 10);
        compareWithNd4j(name, () -> parent.dup('f'), make, 10);
    }

    @Test
    void onlyContiguousCOrderedFloatArraysTakeTheFusedPath() {
        assertTrue(FusedFloatUpdate.applies(Nd4j.create(DataType.FLOAT, 3, 5), Nd4j.create(DataType.FLOAT, 1)));
        assertFalse(FusedFloatUpdate.applies(Nd4j.create(DataType.DOUBLE, 3, 5)));
        assertFalse(FusedFloatUpdate.applies(Nd4j.create(DataType.FLOAT, new long[] {3, 5}, 'f')));
        assertFalse(FusedFloatUpdate.applies(Nd4j.create(DataType.FLOAT, 3, 5).getRow(1)));
        assertFalse(FusedFloatUpdate.applies(Nd4j.create(DataType.FLOAT, 3), Nd4j.create(DataType.FLOAT, 4, 4)
                .get(NDArrayIndex.all(), NDArrayIndex.point(0))));
    }

    /**
     * Two twins from equal starting values: one optimizer on the fused path, one forced onto the ND4J
     * formulas; after every step on the same gradients, the values and every state array hold the same bits.
     */
    private static void compareWithNd4j(String name, Supplier<INDArray> start, Function<List<Parameter>, Optimizer> make,
            int steps) {
        Parameter fusedParameter = new Parameter("w", start.get());
        Parameter nd4jParameter = new Parameter("w", start.get());
        Optimizer fused = make.apply(List.of(fusedParameter));
        Optimizer nd4j = make.apply(List.of(nd4jParameter));
        nd4j.fusedFloatPath = false;
        long[] shape = fusedParameter.value().shape();
        for (int t = 1; t <= steps; t++) {
            // Gradients from 1e-4 to 1e2, so eps and the decay terms matter in some steps and not in others.
            INDArray grad = Init.uniform(100 + t, DataType.FLOAT, -1, 1, shape).muli(Math.pow(10, t % 7 - 4));
            fusedParameter.grad().assign(grad);
            nd4jParameter.grad().assign(grad);
            fused.step();
            nd4j.step();
            String where = name + " step " + t;
            assertArrayEquals(bits(nd4jParameter.value()), bits(fusedParameter.value()), where);
            Map<String, INDArray> expectedState = nd4j.state();
            Map<String, INDArray> actualState = fused.state();
            assertEquals(expectedState.keySet(), actualState.keySet());
            expectedState.forEach((k, v) -> {
                if (v.dataType() == DataType.FLOAT) {
                    assertArrayEquals(bits(v), bits(actualState.get(k)), where + " " + k);
                }
            });
        }
    }

    private static int[] bits(INDArray a) {
        float[] values = a.dup('c').data().asFloat();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
