package org.convlab.data.fashion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.convlab.data.DataSet;
import org.convlab.data.idx.IdxArray;
import org.convlab.data.idx.IdxReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class FashionMnistShippedTest {
    private static FashionMnist shipped;

    @BeforeAll
    static void load() {
        shipped = FashionMnist.shipped();
    }

    @Test
    void shippedSubsetHas10000TrainingAnd2000TestImagesScaledToUnitRange() {
        DataSet train = shipped.train();
        DataSet test = shipped.test();
        assertArrayEquals(new long[] {10_000, 1, 28, 28}, train.features().shape());
        assertArrayEquals(new long[] {2_000, 1, 28, 28}, test.features().shape());
        assertEquals(DataType.FLOAT, train.features().dataType());
        assertEquals(10_000, train.labels().length);
        assertEquals(2_000, test.labels().length);
        assertEquals(0.0, train.features().minNumber().doubleValue(), 0.0);
        assertEquals(1.0, train.features().maxNumber().doubleValue(), 0.0);
    }

    @Test
    void doubleIsGivenOnRequest() {
        INDArray x = shipped.test(DataType.DOUBLE).features();
        assertEquals(DataType.DOUBLE, x.dataType());
        // The same pixel in both types: value/255 exactly in double.
        assertEquals(shipped.test().features().getDouble(3, 0, 14, 14), x.getDouble(3, 0, 14, 14), 1e-6);
        assertEquals(Math.rint(x.getDouble(3, 0, 14, 14) * 255), x.getDouble(3, 0, 14, 14) * 255, 1e-9);
    }

    @Test
    void perClassCountsMatchTheOfficialFiles() throws IOException {
        int[][] recorded = countsRecordedInSubsetNote();
        int[][] expected = recorded;
        if (FashionMnistFiles.complete(FashionMnist.SYSTEM_DIR)) {
            expected = countsFromOfficialFiles();
            // The note must record what the official files say, since other machines rely on it.
            assertArrayEquals(expected[0], recorded[0], "SUBSET.md training counts");
            assertArrayEquals(expected[1], recorded[1], "SUBSET.md test counts");
        }
        assertArrayEquals(expected[0], histogram(shipped.trainLabels()), "training per-class counts");
        assertArrayEquals(expected[1], histogram(shipped.testLabels()), "test per-class counts");
        // Nearly balanced, as the head of the official (exactly balanced) files.
        for (int c = 0; c < 10; c++) {
            assertTrue(expected[0][c] > 900 && expected[0][c] < 1100, "class " + c);
        }
    }

    @Test
    void shippedImagesAreTheFirstOfficialImagesWhenTheOfficialFilesExist() {
        if (!FashionMnistFiles.complete(FashionMnist.SYSTEM_DIR)) {
            return; // nothing to compare with on this machine; the counts test still runs
        }
        IdxArray official = IdxReader.read(FashionMnist.SYSTEM_DIR.resolve("t10k-images-idx3-ubyte.gz"), 3);
        byte[] head = Arrays.copyOf(official.data(), 2000 * 784);
        assertArrayEquals(head, shipped.rawTest()[0].data());
    }

    @Test
    void classNamesAreTheOfficialTen() {
        assertEquals(10, FashionMnist.CLASS_NAMES.size());
        assertEquals("T-shirt/top", FashionMnist.className(0));
        assertEquals("Sneaker", FashionMnist.className(7));
        assertEquals("Ankle boot", FashionMnist.className(9));
    }

    @Test
    void licenceAndSubsetNoteAreShippedBesideTheData() throws IOException {
        assertTrue(resource("LICENSE-fashion-mnist.txt").contains("Zalando SE"));
        assertTrue(resource("SUBSET.md").contains("FashionMnistSubsetCutter"));
    }

    private static int[][] countsFromOfficialFiles() {
        IdxArray train = IdxReader.read(FashionMnist.SYSTEM_DIR.resolve("train-labels-idx1-ubyte.gz"), 1);
        IdxArray test = IdxReader.read(FashionMnist.SYSTEM_DIR.resolve("t10k-labels-idx1-ubyte.gz"), 1);
        return new int[][] {histogram(train.head(10_000)), histogram(test.head(2_000))};
    }

    /** The two table rows of SUBSET.md that start with "| train" and "| test". */
    private static int[][] countsRecordedInSubsetNote() throws IOException {
        int[][] out = new int[2][];
        for (String line : resource("SUBSET.md").split("\n")) {
            if (line.startsWith("| train (first")) {
                out[0] = row(line);
            } else if (line.startsWith("| test (first")) {
                out[1] = row(line);
            }
        }
        assertTrue(out[0] != null && out[1] != null, "SUBSET.md should record the per-class counts");
        return out;
    }

    private static int[] row(String line) {
        String[] cells = line.split("\\|");
        int[] r = new int[10];
        for (int c = 0; c < 10; c++) {
            r[c] = Integer.parseInt(cells[c + 2].trim());
        }
        return r;
    }

    private static int[] histogram(IdxArray labels) {
        int[] h = new int[10];
        for (int i = 0; i < labels.count(); i++) {
            h[labels.unsigned(i)]++;
        }
        return h;
    }

    private static int[] histogram(int[] labels) {
        int[] h = new int[10];
        for (int l : labels) {
            h[l]++;
        }
        return h;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FashionMnist.class.getResourceAsStream(FashionMnist.SHIPPED_RESOURCE_DIR + name)) {
            assertTrue(in != null, name + " should be on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
