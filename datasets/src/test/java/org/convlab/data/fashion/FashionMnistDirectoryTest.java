package org.convlab.data.fashion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.convlab.data.DataSet;
import org.convlab.data.DatasetException;
import org.convlab.data.idx.IdxArray;
import org.convlab.data.idx.IdxFormatException;
import org.convlab.data.idx.IdxWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading from a named directory, the order of fallbacks, and mismatched files. */
class FashionMnistDirectoryTest {
    @TempDir
    Path dir;

    /** Writes a tiny fake data set: image i is filled with value i, label i % 10. */
    private static void writeFake(Path d, int nTrain, int nTrainLabels, int nTest, boolean gzip) throws Exception {
        Files.createDirectories(d);
        String ext = gzip ? ".gz" : "";
        IdxWriter.write(d.resolve("train-images-idx3-ubyte" + ext), images(nTrain), gzip);
        IdxWriter.write(d.resolve("train-labels-idx1-ubyte" + ext), labels(nTrainLabels), gzip);
        IdxWriter.write(d.resolve("t10k-images-idx3-ubyte" + ext), images(nTest), gzip);
        IdxWriter.write(d.resolve("t10k-labels-idx1-ubyte" + ext), labels(nTest), gzip);
    }

    private static IdxArray images(int n) {
        byte[] b = new byte[n * 784];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(b, i * 784, (i + 1) * 784, (byte) (i * 20));
        }
        return new IdxArray(new int[] {n, 28, 28}, b);
    }

    private static IdxArray labels(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % 10);
        }
        return new IdxArray(new int[] {n}, b);
    }

    @Test
    void namedDirectoryIsLoaded() throws Exception {
        writeFake(dir, 12, 12, 5, true);
        FashionMnist fm = FashionMnist.load(dir);
        DataSet train = fm.train();
        assertArrayEquals(new long[] {12, 1, 28, 28}, train.features().shape());
        assertEquals(3, train.labels()[3]);
        assertEquals(60 / 255.0, train.features().getDouble(3, 0, 10, 10), 1e-6);
        assertEquals(5, fm.test().size());
    }

    @Test
    void rawFilesAndAFashionMnistSubdirectoryAreFound() throws Exception {
        writeFake(dir.resolve("fashion-mnist"), 4, 4, 3, false);
        assertEquals(4, FashionMnist.fromDirectory(dir).train().size());
    }

    @Test
    void imagesAndLabelsOfDifferentCountsAreRefusedNamingBothFiles() throws Exception {
        writeFake(dir, 12, 11, 5, true);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> FashionMnist.load(dir));
        String m = e.getMessage();
        assertTrue(m.contains(dir.resolve("train-images-idx3-ubyte.gz").toString()), m);
        assertTrue(m.contains(dir.resolve("train-labels-idx1-ubyte.gz").toString()), m);
        assertTrue(m.contains("expected 12") && m.contains("found 11"), m);
    }

    @Test
    void namedDirectoryWithoutTheFilesIsAnErrorNotASilentFallback() {
        DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void labelOutsideTheTenClassesIsRefused() throws Exception {
        writeFake(dir, 3, 3, 2, true);
        IdxWriter.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), new IdxArray(new int[] {2}, new byte[] {1, 12}), true);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> FashionMnist.fromDirectory(dir));
        assertTrue(e.getMessage().contains("t10k-labels") && e.getMessage().contains("found 12"), e.getMessage());
    }

    @Test
    void sourceOrderIsCallerThenEnvironmentThenSystemThenShipped() throws Exception {
        Path system = dir.resolve("system");
        Path named = dir.resolve("named");
        assertEquals(named, FashionMnist.resolve(named, "/env", system).dir());
        assertEquals(Path.of("/env"), FashionMnist.resolve(null, "/env", system).dir());
        assertNull(FashionMnist.resolve(null, null, system).dir(), "no system files: shipped subset");
        assertNull(FashionMnist.resolve(null, "  ", system).dir(), "blank variable counts as unset");
        writeFake(system, 2, 2, 2, true);
        assertEquals(system, FashionMnist.resolve(null, null, system).dir());
    }
}
