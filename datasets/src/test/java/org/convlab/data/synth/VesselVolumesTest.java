package org.convlab.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.convlab.data.DataSet;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class VesselVolumesTest {
    private static final int S = 24;

    @Test
    void shapesAndBinaryMasks() {
        DataSet d = VesselVolumes.builder().size(S, S + 2, S + 4).count(3).seed(1).build().generate();
        assertArrayEquals(new long[] {3, 1, S, S + 2, S + 4}, d.features().shape());
        assertArrayEquals(new long[] {3, 1, S, S + 2, S + 4}, d.targets().shape());
        for (double m : d.targets().data().asDouble()) {
            assertTrue(m == 0 || m == 1, "mask value " + m);
        }
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherVolumes() {
        VesselVolumes.Builder b = VesselVolumes.builder().size(S).count(4).noise(0.2).tortuosity(0.8);
        DataSet a1 = b.seed(7).build().generate();
        DataSet a2 = b.seed(7).build().generate();
        DataSet c = b.seed(8).build().generate();
        assertArrayEquals(a1.features().data().asFloat(), a2.features().data().asFloat());
        assertArrayEquals(a1.targets().data().asFloat(), a2.targets().data().asFloat());
        assertFalse(Arrays.equals(a1.targets().data().asFloat(), c.targets().data().asFloat()));
    }

    @Test
    void singleTubeMasksAreNonEmptySixConnectedAndClearOfTheBorder() {
        // Default radii (>= 1.5) promise 6-connected tubes; one tube per volume tests each tube alone.
        DataSet d = VesselVolumes.builder().size(S).count(12).tubes(1, 1).tortuosity(1).seed(3).build().generate();
        double[] m = d.targets().data().asDouble();
        for (int i = 0; i < 12; i++) {
            boolean[] mask = volume(m, i);
            int voxels = count(mask);
            assertTrue(voxels > 50, "volume " + i + " has only " + voxels + " vessel voxels");
            assertTrue(voxels < S * S * S / 2, "volume " + i + " is mostly vessel");
            assertEquals(1, components(mask, false), "6-connected components of volume " + i);
            assertFalse(touchesBorder(mask), "volume " + i + " has vessel voxels on a face");
        }
    }

    @Test
    void thinTubesAreTwentySixConnected() {
        DataSet d = VesselVolumes.builder().size(S).count(12).tubes(1, 1).radius(1, 1.2).seed(4).build().generate();
        double[] m = d.targets().data().asDouble();
        for (int i = 0; i < 12; i++) {
            boolean[] mask = volume(m, i);
            assertTrue(count(mask) > 0);
            assertEquals(1, components(mask, true), "26-connected components of volume " + i);
            assertFalse(touchesBorder(mask));
        }
    }

    @Test
    void severalTubesGiveAtMostThatManyComponents() {
        DataSet d = VesselVolumes.builder().size(S).count(8).tubes(3, 3).seed(5).build().generate();
        double[] m = d.targets().data().asDouble();
        for (int i = 0; i < 8; i++) {
            int k = components(volume(m, i), false);
            assertTrue(k >= 1 && k <= 3, "volume " + i + " has " + k + " components");
        }
    }

    @Test
    void vesselsAreBrighterThanTheBackground() {
        DataSet d = VesselVolumes.builder().size(S).count(4).noise(0.3).texture(0.3).seed(6).build().generate();
        double[] v = d.features().data().asDouble();
        double[] m = d.targets().data().asDouble();
        double in = 0;
        double out = 0;
        int nIn = 0;
        for (int k = 0; k < v.length; k++) {
            if (m[k] == 1) {
                in += v[k];
                nIn++;
            } else {
                out += v[k];
            }
        }
        assertTrue(in / nIn - out / (v.length - nIn) > 0.5, "vessel contrast");
    }

    @Test
    void a32CubedTimes64SetHasTheRequestedShape() {
        // Speed is measured by benchmarks, not timed tests; this checks the size the experiments use.
        DataSet d = VesselVolumes.builder().size(32).count(64).seed(1).build().generate();
        assertEquals(64, d.size());
        assertArrayEquals(new long[] {64, 1, 32, 32, 32}, d.features().shape());
        assertArrayEquals(new long[] {64, 1, 32, 32, 32}, d.targets().shape());
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> VesselVolumes.builder().radius(0.5, 2).build());
        assertTrue(e.getMessage().contains("radius"));
        e = assertThrows(IllegalArgumentException.class, () -> VesselVolumes.builder().size(8).radius(1, 4).build());
        assertTrue(e.getMessage().contains("size"));
        e = assertThrows(IllegalArgumentException.class, () -> VesselVolumes.builder().tortuosity(2).build());
        assertTrue(e.getMessage().contains("tortuosity"));
        e = assertThrows(IllegalArgumentException.class, () -> VesselVolumes.builder().dataType(DataType.INT32).build());
        assertTrue(e.getMessage().contains("dataType"));
    }

    private static boolean[] volume(double[] masks, int i) {
        int n = S * S * S;
        boolean[] b = new boolean[n];
        for (int k = 0; k < n; k++) {
            b[k] = masks[i * n + k] == 1;
        }
        return b;
    }

    private static int count(boolean[] b) {
        int c = 0;
        for (boolean x : b) {
            c += x ? 1 : 0;
        }
        return c;
    }

    private static boolean touchesBorder(boolean[] mask) {
        for (int z = 0; z < S; z++) {
            for (int y = 0; y < S; y++) {
                for (int x = 0; x < S; x++) {
                    boolean face = z == 0 || y == 0 || x == 0 || z == S - 1 || y == S - 1 || x == S - 1;
                    if (face && mask[(z * S + y) * S + x]) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Connected components by flood fill, with 26-connectivity or 6-connectivity. */
    private static int components(boolean[] mask, boolean full) {
        boolean[] seen = new boolean[mask.length];
        int comps = 0;
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || seen[start]) {
                continue;
            }
            comps++;
            seen[start] = true;
            queue.add(new int[] {start / (S * S), start / S % S, start % S});
            while (!queue.isEmpty()) {
                int[] p = queue.poll();
                for (int dz = -1; dz <= 1; dz++) {
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int steps = Math.abs(dz) + Math.abs(dy) + Math.abs(dx);
                            if (steps == 0 || (!full && steps > 1)) {
                                continue;
                            }
                            int z = p[0] + dz;
                            int y = p[1] + dy;
                            int x = p[2] + dx;
                            if (z < 0 || y < 0 || x < 0 || z >= S || y >= S || x >= S) {
                                continue;
                            }
                            int k = (z * S + y) * S + x;
                            if (mask[k] && !seen[k]) {
                                seen[k] = true;
                                queue.add(new int[] {z, y, x});
                            }
                        }
                    }
                }
            }
        }
        return comps;
    }
}
