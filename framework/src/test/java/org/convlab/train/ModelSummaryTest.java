package org.convlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.convlab.nn.Sequential;
import org.convlab.engine.EngineChoice;
import org.convlab.nn.conv.Conv2d;
import org.convlab.nn.conv.DepthwiseSeparableConv2d;
import org.convlab.nn.layers.BatchNorm2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.junit.jupiter.api.Test;

class ModelSummaryTest {

    private static Sequential smallCnn() {
        return new Sequential(Conv2d.builder(1, 8, 3).padding(1).seed(1).build(), new ReLU(), new MaxPool2d(2),
                new Sequential(new BatchNorm2d(8), new Flatten()), Linear.builder(8 * 14 * 14, 10).seed(2).build());
    }

    @Test
    void rowsHoldHandComputedShapesParametersAndMultiplications() {
        ModelSummary s = ModelSummary.of(smallCnn(), 2, 1, 28, 28);
        List<ModelSummary.Row> rows = s.rows();
        assertEquals(6, rows.size());
        assertEquals("0", rows.get(0).index());
        assertEquals("Conv2d", rows.get(0).layer());
        assertArrayEquals(new long[] {2, 8, 28, 28}, rows.get(0).outputShape());
        assertEquals(8 * 9 + 8, rows.get(0).parameters());
        // Costed counts no multiplication by the zero padding: per axis 26 positions see 3 taps and
        // the 2 border positions 2 taps, so 82 * 82 per output channel instead of 28 * 28 * 9.
        assertEquals(2L * 8 * 82 * 82, rows.get(0).multiplications());
        assertArrayEquals(new long[] {2, 8, 14, 14}, rows.get(2).outputShape());
        assertEquals("3.0", rows.get(3).index());
        assertEquals(16, rows.get(3).parameters()); // BatchNorm gamma and beta
        assertEquals(0, rows.get(3).multiplications());
        assertEquals("3.1", rows.get(4).index());
        assertArrayEquals(new long[] {2, 1568}, rows.get(4).outputShape());
        assertEquals(1568 * 10 + 10, rows.get(5).parameters());
        assertEquals(2L * 1568 * 10, rows.get(5).multiplications());
        assertEquals(80 + 16 + 15690, s.totalParameters());
        assertEquals(2L * 8 * 82 * 82 + 2L * 1568 * 10, s.totalMultiplications());
        assertArrayEquals(new long[] {2, 10}, s.outputShape());
    }

    @Test
    void theTableIsAlignedWithOneLinePerLayerAndTotals() {
        String table = ModelSummary.of(smallCnn(), 1, 1, 28, 28).toString();
        String[] lines = table.split("\n");
        assertEquals(1 + 1 + 6 + 1 + 1 + 1, lines.length);
        int width = lines[0].length();
        for (int i = 0; i < lines.length - 1; i++) {
            assertEquals(width, lines[i].length(), "misaligned: '" + lines[i] + "'");
        }
        assertTrue(table.contains("15,786"), table);
        assertTrue(lines[lines.length - 2].contains("total"), table);
        assertEquals("engines: 0 native conv2d", lines[lines.length - 1]);
    }

    @Test
    void eachConvolutionShowsTheAlgorithmItsEngineRunsAndOtherLayersNone() {
        Sequential model = new Sequential(Conv2d.builder(1, 8, 3).padding(1).seed(1).build(),
                Conv2d.builder(8, 8, 3).padding(1).engine(EngineChoice.LOWERED).seed(2).build(),
                DepthwiseSeparableConv2d.builder(8, 4, 3).padding(1).seed(3).build(), new ReLU());
        List<ModelSummary.Row> rows = ModelSummary.of(model, 2, 1, 12, 12).rows();
        assertEquals("native conv2d", rows.get(0).engine());
        assertEquals("im2col+GEMM", rows.get(1).engine());
        assertEquals("depthwise direct + pointwise GEMM", rows.get(2).engine());
        assertEquals("", rows.get(3).engine());
        assertTrue(ModelSummary.of(model, 2, 1, 12, 12).toString().contains(
                "engines: 0 native conv2d, 1 im2col+GEMM, 2 depthwise direct + pointwise GEMM\n"));
    }
}
