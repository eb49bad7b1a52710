package org.convlab.draw;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.convlab.reference.TapGeometry;

/**
 * The 3D view of a Conv3d: the padded input volume cut into depth slices (top row, padding slices
 * dashed), the output volume's slices below; the kernel's footprint is shaded on every slice it
 * reaches, from {@link TapGeometry}. Input cells are tagged "grid0" and output cells "grid1" with
 * their (depth, row, column) index, as in {@link GridDiagram}.
 */
final class VolumeDiagram {
    private static final double MARGIN = 24;
    private static final float LABEL = 13f;

    private final ConvPlan plan;
    private final TapGeometry g;
    private final double cs;

    VolumeDiagram(ConvPlan plan) {
        this.plan = plan;
        this.g = plan.steps.get(0).taps();
        int[] lo = lo();
        int[] hi = hi();
        int slices = hi[0] - lo[0];
        int across = slices * (hi[2] - lo[2] + 1);
        this.cs = Math.max(7, Math.min(26, Math.floor(Math.min(1000.0 / across, 220.0 / (hi[1] - lo[1])))));
    }

    private int[] lo() {
        int[] b = g.padBefore();
        return new int[] {-b[0], -b[1], -b[2]};
    }

    private int[] hi() {
        int[] in = g.grid();
        int[] a = g.padAfter();
        return new int[] {in[0] + a[0], in[1] + a[1], in[2] + a[2]};
    }

    Scene still(int[] at) {
        int[] out = g.output();
        int[] p = new int[3];
        for (int a = 0; a < 3; a++) {
            p[a] = at == null ? 0 : Math.min(Math.max(at[Math.min(a, at.length - 1)], 0), out[a] - 1);
        }
        return scene(Grids.flat(p, out), true, "");
    }

    List<Scene> frames() {
        List<Scene> frames = new ArrayList<>();
        int vol = Grids.volume(g.output());
        for (int i = 0; i < vol; i++) {
            frames.add(scene(i, false, "output " + java.util.Arrays.toString(Grids.unflat(i, g.output())) + " ("
                    + (i + 1) + " of " + vol + ")"));
        }
        return frames;
    }

    private Scene scene(int current, boolean still, String note) {
        Scene scene = new Scene();
        int[] lo = lo();
        int[] hi = hi();
        int[] size = {hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]};
        int[] out = g.output();
        int[] in = g.grid();
        Map<Integer, int[]> footprint = new HashMap<>();
        g.visit((p, t, q, inside) -> {
            if (Grids.flat(p, out) == current) {
                footprint.put(Grids.flat(new int[] {q[0] - lo[0], q[1] - lo[1], q[2] - lo[2]}, size), g.weightAt(t));
            }
        });
        double top = 76;
        double sliceW = size[2] * cs;
        double gap = Math.max(cs, 14);
        double x = MARGIN;
        for (int d = 0; d < size[0]; d++) {
            int depth = d + lo[0];
            boolean padSlice = depth < 0 || depth >= in[0];
            for (int r = 0; r < size[1]; r++) {
                for (int c = 0; c < size[2]; c++) {
                    int[] q = {depth, r + lo[1], c + lo[2]};
                    boolean inside = !padSlice && q[1] >= 0 && q[1] < in[1] && q[2] >= 0 && q[2] < in[2];
                    int[] w = footprint.get(Grids.flat(new int[] {d, r, c}, size));
                    Color fill = w != null ? (inside ? Palette.FOOTPRINT : Palette.FOOTPRINT_ON_ZERO)
                            : inside ? Palette.INPUT_FILL : Color.WHITE;
                    Color border = w != null ? Palette.ORANGE.darker() : inside ? Palette.GRID : Palette.PADDING;
                    scene.add(new Scene.Cell(x + c * cs, top + r * cs, cs, cs, fill, border, !inside, 0.8f, null,
                            Palette.INK, 9f, null, new Scene.CellTag("grid0", q,
                                    inside ? Scene.Role.INPUT : Scene.Role.PADDING, w, false)));
                }
            }
            scene.add(new Scene.Text(x + sliceW / 2, top + size[1] * cs + 16, padSlice ? "pad" : "d=" + depth, 11f,
                    false, Palette.MUTED, Scene.Align.CENTER));
            x += sliceW + gap;
        }
        double rowRight = x - gap;
        double inBottom = top + size[1] * cs + 16;
        scene.add(new Scene.Text(MARGIN, inBottom + 20, "input " + Grids.dims(g.input()) + " (depth × height × width),"
                + " cut into depth slices" + (Grids.anyPositive(g.padBefore()) ? "; padding "
                + Grids.same(g.padBefore()) + " dashed" : ""), LABEL, true, Palette.INK, Scene.Align.LEFT));
        double arrowTop = inBottom + 30;
        scene.add(new Scene.Arrow(MARGIN + 20, arrowTop, MARGIN + 20, arrowTop + 34, Palette.INK));
        scene.add(new Scene.Text(MARGIN + 34, arrowTop + 22, "kernel " + Grids.dims(g.kernel()) + " slides along depth,"
                + " height and width (stride " + Grids.same(g.stride()) + ", dilation " + Grids.same(g.dilation())
                + ")", LABEL, false, Palette.MUTED, Scene.Align.LEFT));
        double oTop = arrowTop + 48;
        double ocs = cs;
        x = MARGIN;
        for (int d = 0; d < out[0]; d++) {
            for (int r = 0; r < out[1]; r++) {
                for (int c = 0; c < out[2]; c++) {
                    int f = Grids.flat(new int[] {d, r, c}, out);
                    boolean isCurrent = f == current;
                    boolean done = still || f < current;
                    Color fill = isCurrent ? Palette.BLUISH_GREEN : done ? Palette.OUTPUT_FILL : Color.WHITE;
                    scene.add(new Scene.Cell(x + c * ocs, oTop + r * ocs, ocs, ocs, fill, Palette.GRID, false, 0.8f,
                            null, Palette.INK, 9f, null, new Scene.CellTag("grid1", new int[] {d, r, c},
                                    Scene.Role.OUTPUT, null, isCurrent)));
                }
            }
            scene.add(new Scene.Text(x + out[2] * ocs / 2, oTop + out[1] * ocs + 16, "d=" + d, 11f, false,
                    Palette.MUTED, Scene.Align.CENTER));
            x += out[2] * ocs + gap;
        }
        double bottom = oTop + out[1] * ocs + 16;
        scene.add(new Scene.Text(MARGIN, bottom + 20, "output " + Grids.dims(out) + ": each cell sums the "
                + Grids.volume(g.kernel()) + " products under the kernel", LABEL, true, Palette.INK,
                Scene.Align.LEFT));
        String title = plan.layerName() + ":  " + Grids.dims(g.input()) + "  →  " + Grids.dims(out);
        String sub = "kernel " + Grids.dims(g.kernel()) + " · stride " + Grids.same(g.stride()) + " · padding "
                + Grids.same(plan.settings.padding()) + (note.isEmpty() ? "" : "   ·   " + note);
        scene.add(new Scene.Text(MARGIN, 28, title, 17f, true, Palette.INK, Scene.Align.LEFT));
        scene.add(new Scene.Text(MARGIN, 49, sub, LABEL, false, Palette.MUTED, Scene.Align.LEFT));
        double width = Math.max(Math.max(rowRight, x - gap), MARGIN + Scene.textWidth(sub, LABEL, false));
        width = Math.max(width, MARGIN + 40 + Scene.textWidth("kernel " + Grids.dims(g.kernel())
                + " slides along depth, height and width (stride 1, dilation 1)  ", LABEL, false));
        scene.size(width + MARGIN, bottom + 36);
        return scene;
    }
}
