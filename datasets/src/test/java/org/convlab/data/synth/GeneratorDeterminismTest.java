package org.convlab.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Same seed, identical bytes; another seed, other data — for every generator. */
class GeneratorDeterminismTest {
    static Stream<Arguments> generators() {
        return Stream.of(
            gen("white signals", s -> RandomSignals.whiteNoise(s, 3, 2, 50)),
            gen("smooth signals", s -> RandomSignals.smooth(s, 3, 2, 50, 3.0, DataType.DOUBLE)),
            gen("white images", s -> RandomImages.whiteNoise(s, 2, 3, 9, 11)),
            gen("smooth images", s -> RandomImages.smoothField(s, 2, 3, 16, 16, 2.0)),
            gen("random kernels", s -> RandomKernels.random(s, DataType.FLOAT, 4, 2, 3, 3)),
            gen("asymmetric kernels", s -> RandomKernels.asymmetric(s, DataType.DOUBLE, 4, 2, 3, 3)),
            gen("super-resolution pairs", s -> SuperResolutionPairs.smoothFields(s, 3, 8, 8, 1.5, DataType.FLOAT)
                .features()),
            gen("coloured shapes", s -> ColouredShapes.builder().count(8).size(16).seed(s).build().generate()
                .features()),
            gen("coloured shape labels", s -> Nd4j.createFromArray(ColouredShapes.builder().count(40).size(8)
                .seed(s).build().generate().labels())),
            gen("bars", s -> BarImages.generate(s, 10, 8, 8, 0.3, DataType.FLOAT).features()),
            gen("vessel volumes", s -> VesselVolumes.builder().size(16).count(2).radius(1, 2).seed(s).build()
                .generate().features()));
    }

    private static Arguments gen(String name, LongFunction<INDArray> f) {
        return Arguments.of(name, f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void sameSeedGivesIdenticalBytesAndAnotherSeedDiffers(String name, LongFunction<INDArray> generator) {
        // Disturb ND4J's global generator between runs: the generators must not depend on it.
        INDArray first = generator.apply(42);
        Nd4j.getRandom().setSeed(System.nanoTime());
        Nd4j.rand(3, 3);
        INDArray again = generator.apply(42);
        INDArray other = generator.apply(43);
        assertArrayEquals(bytes(first), bytes(again), name);
        assertFalse(Arrays.equals(bytes(first), bytes(other)), name + ": seeds 42 and 43 gave the same data");
    }

    private static byte[] bytes(INDArray x) {
        return x.data().asBytes();
    }
}
