package org.convlab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.convlab.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpzExportTest {
    @TempDir
    Path dir;

    private static Sequential model(String dataType) {
        return ModelConfig.fromJson("{\"layers\":[{\"type\":\"Conv2d\",\"in\":2,\"out\":3,\"kernel\":[3,2]},"
                + "{\"type\":\"BatchNorm2d\",\"features\":3},{\"type\":\"Sequential\",\"layers\":[{\"type\":\"Flatten\"},"
                + "{\"type\":\"Linear\",\"in\":12,\"out\":4,\"bias\":false}]}],\"dataType\":\"" + dataType
                + "\",\"seed\":8}").build();
    }

    @Test
    void numpyReadsBackEveryParameterWithItsNameShapeTypeAndValues() throws Exception {
        for (String type : new String[] {"FLOAT", "DOUBLE"}) {
            Sequential m = model(type);
            m.buffers().get("1.running_mean").assign(Nd4j.createFromArray(0.5, -1.0, 2.0).castTo(DataType.valueOf(type)));
            Path file = dir.resolve("weights-" + type + ".npz");
            NpzExport.write(m, file);
            Map<String, INDArray> read = Nd4j.createFromNpzFile(file.toFile());
            TreeSet<String> names = new TreeSet<>();
            read.keySet().forEach(k -> names.add(k.replaceAll("\\.npy$", "")));
            assertEquals(new TreeSet<>(java.util.List.of("0.Conv2d.weight", "0.Conv2d.bias", "1.BatchNorm2d.weight",
                    "1.BatchNorm2d.bias", "1.BatchNorm2d.running_mean", "1.BatchNorm2d.running_var",
                    "2.1.Linear.weight")), names);
            INDArray w = entry(read, "0.Conv2d.weight");
            assertEquals(DataType.valueOf(type), w.dataType());
            assertArrayEquals(new long[] {3, 2, 3, 2}, w.shape());
            assertArrayEquals(m.parameters().get(0).value().castTo(DataType.DOUBLE).data().asDouble(),
                    w.castTo(DataType.DOUBLE).dup('c').data().asDouble(), 0);
            assertArrayEquals(new double[] {0.5, -1, 2},
                    entry(read, "1.BatchNorm2d.running_mean").castTo(DataType.DOUBLE).data().asDouble(), 0);
            assertArrayEquals(new long[] {4, 12}, entry(read, "2.1.Linear.weight").shape());
        }
    }

    private static INDArray entry(Map<String, INDArray> read, String name) {
        return read.containsKey(name) ? read.get(name) : read.get(name + ".npy");
    }

    @Test
    void theNpyCodecRoundTripsEveryTypeAndScalars() {
        INDArray[] arrays = {Nd4j.rand(DataType.FLOAT, 2, 3, 4), Nd4j.rand(DataType.DOUBLE, 5),
            Nd4j.scalar(7L), Nd4j.scalar(0.25), Nd4j.createFromArray(new int[] {1, -2, 3}).reshape(3, 1),
            Nd4j.rand(DataType.FLOAT, 4, 6).transpose()};
        for (INDArray a : arrays) {
            INDArray b = NpyFormat.decode(NpyFormat.encode(a), "test");
            assertEquals(a.dataType(), b.dataType());
            assertArrayEquals(a.shape(), b.shape());
            assertArrayEquals(a.castTo(DataType.DOUBLE).dup('c').data().asDouble(),
                    b.castTo(DataType.DOUBLE).dup('c').data().asDouble(), 0);
        }
    }
}
