package org.convlab.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The public enumeration of taps that the reference and the drawings share, on cases counted by hand. */
class TapGeometryTest {

    private static int insideTaps(TapGeometry g) {
        int[] n = {0};
        g.visit((p, t, q, inside) -> n[0] += inside ? 1 : 0);
        return n[0];
    }

    private static int realTaps(TapGeometry g) {
        int[] n = {0};
        g.visit((p, t, q, inside) -> n[0] += inside && g.inputAt(q) != null ? 1 : 0);
        return n[0];
    }

    @Test
    void correlationTapsCountedByHand() {
        // 4x4, k3: a 2x2 output, 9 taps each, none in padding.
        TapGeometry a = TapGeometry.correlation(new int[] {4, 4}, new int[] {3, 3}, new int[] {1, 1},
                new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1});
        assertArrayEquals(new int[] {2, 2}, a.output());
        assertEquals(36, insideTaps(a));
        // 5x5, k3, s2, p1: per axis the three positions reach 2, 3 and 2 real inputs -> 7 x 7.
        TapGeometry b = TapGeometry.correlation(new int[] {5, 5}, new int[] {3, 3}, new int[] {2, 2},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1});
        assertArrayEquals(new int[] {3, 3}, b.output());
        assertEquals(49, insideTaps(b));
    }

    @Test
    void transposedGeometryInsertsZerosAndPads() {
        // 2x2, k3, s2: zeros inserted -> a 3x3 grid, padded by d(k-1)-p = 2, a 5x5 output.
        TapGeometry g = TapGeometry.transposed(new int[] {2, 2}, new int[] {3, 3}, new int[] {2, 2},
                new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1});
        assertArrayEquals(new int[] {3, 3}, g.grid());
        assertArrayEquals(new int[] {2, 2}, g.padBefore());
        assertArrayEquals(new int[] {5, 5}, g.output());
        assertNull(g.inputAt(new int[] {1, 0}), "an inserted zero is no input");
        assertArrayEquals(new int[] {1, 1}, g.inputAt(new int[] {2, 2}));
        assertArrayEquals(new int[] {2, 0}, g.weightAt(new int[] {0, 2}), "the kernel is applied flipped");
        // Each of the 4 inputs meets all 9 kernel elements: 36 real multiplications.
        assertEquals(36, realTaps(g));
    }

    @Test
    void referenceTransposedCountsExactlyTheRealTaps() {
        TapGeometry g = TapGeometry.transposed(new int[] {3, 2}, new int[] {3, 2}, new int[] {2, 3},
                new int[] {1, 0}, new int[] {1, 2}, new int[] {1, 1});
        INDArray x = Nd4j.ones(DataType.DOUBLE, 1, 1, 3, 2);
        INDArray w = Nd4j.ones(DataType.DOUBLE, 1, 1, 3, 2);
        ReferenceConv.Counted c = ReferenceConv.transposed(x, w, null, new int[] {2, 3}, new int[] {1, 0},
                new int[] {1, 2}, new int[] {1, 1}, 1);
        assertEquals(realTaps(g), c.multiplications());
        assertArrayEquals(new long[] {1, 1, g.output()[0], g.output()[1]}, c.output().shape());
    }
}
