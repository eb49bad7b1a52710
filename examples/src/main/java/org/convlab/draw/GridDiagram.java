package org.convlab.draw;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.convlab.reference.TapGeometry;

/**
 * The conv_arithmetic picture of a single-channel convolution (one or more steps in a chain):
 * each step's input grid with its padding dashed and inserted zeros marked, the kernel's footprint
 * shaded with the kernel element each tap multiplies, the kernel itself, and the output beside it.
 * Grid {@code j} ("grid0", "grid1", ...) is the input of step {@code j} and the output of step
 * {@code j-1}; the footprint comes from {@link TapGeometry#visit}, the reference's enumeration.
 */
final class GridDiagram {
    private static final double MARGIN = 24;
    private static final double TITLE_Y = 28;
    private static final double TOP = 70;
    private static final float LABEL = 13f;

    private final ConvPlan plan;
    private final WorkedExample values;
    private final List<TapGeometry> steps = new ArrayList<>();
    private final double cs;
    private final double kcs;

    GridDiagram(ConvPlan plan, WorkedExample values) {
        this.plan = plan;
        this.values = values;
        for (ConvPlan.Step s : plan.steps) {
            steps.add(s.taps());
        }
        int longest = 1;
        int across = 0;
        for (int j = 0; j <= steps.size(); j++) {
            int[] lo = lo(j);
            int[] hi = hi(j);
            for (int a = 0; a < lo.length; a++) {
                longest = Math.max(longest, hi[a] - lo[a]);
            }
            across += hi[lo.length - 1] - lo[lo.length - 1];
        }
        this.cs = Math.max(14, Math.min(38, Math.floor(Math.min(380.0 / longest, 820.0 / across))));
        this.kcs = Math.min(cs, 34);
    }

    /** The state of a frame: per step, the flat index of its current output (-1 none yet, volume = all done). */
    private record State(int[] current, boolean still) {
    }

    /** The still: every step with its kernel at output position {@code at} (clamped to each step's output). */
    Scene still(int[] at) {
        int[] current = new int[steps.size()];
        for (int j = 0; j < steps.size(); j++) {
            int[] out = steps.get(j).output();
            int[] p = new int[out.length];
            for (int a = 0; a < out.length; a++) {
                p[a] = at == null ? 0 : Math.min(Math.max(at[Math.min(a, at.length - 1)], 0), out[a] - 1);
            }
            current[j] = Grids.flat(p, out);
        }
        return scene(new State(current, true), "");
    }

    /** One frame per output position of every step, in order. */
    List<Scene> frames() {
        List<Scene> frames = new ArrayList<>();
        int total = 0;
        for (TapGeometry g : steps) {
            total += Grids.volume(g.output());
        }
        int n = 0;
        for (int j = 0; j < steps.size(); j++) {
            int vol = Grids.volume(steps.get(j).output());
            for (int i = 0; i < vol; i++) {
                int[] current = new int[steps.size()];
                for (int k = 0; k < steps.size(); k++) {
                    current[k] = k < j ? Grids.volume(steps.get(k).output()) : k == j ? i : -1;
                }
                n++;
                int[] p = Grids.unflat(i, steps.get(j).output());
                String where = (steps.size() > 1 ? plan.steps.get(j).name() + " step, " : "") + "output "
                        + position(p) + " (" + n + " of " + total + ")";
                frames.add(scene(new State(current, false), where));
            }
        }
        return frames;
    }

    private static String position(int[] p) {
        StringBuilder b = new StringBuilder("(");
        for (int a = 0; a < p.length; a++) {
            b.append(a > 0 ? ", " : "").append(p[a]);
        }
        return b.append(')').toString();
    }

    // The drawn extent of grid j in its own coordinates: padding included, cropping ignored.
    private int[] lo(int j) {
        if (j == steps.size()) {
            return new int[steps.get(j - 1).rank()];
        }
        int[] before = steps.get(j).padBefore();
        int[] lo = new int[before.length];
        for (int a = 0; a < lo.length; a++) {
            lo[a] = -Math.max(before[a], 0);
        }
        return lo;
    }

    private int[] hi(int j) {
        if (j == steps.size()) {
            return steps.get(j - 1).output();
        }
        int[] grid = steps.get(j).grid();
        int[] after = steps.get(j).padAfter();
        int[] hi = new int[grid.length];
        for (int a = 0; a < hi.length; a++) {
            hi[a] = grid[a] + Math.max(after[a], 0);
        }
        return hi;
    }

    private double gridWidth(int j) {
        int[] lo = lo(j);
        int[] hi = hi(j);
        return (hi[lo.length - 1] - lo[lo.length - 1]) * cs;
    }

    private double gridHeight(int j) {
        int[] lo = lo(j);
        int[] hi = hi(j);
        return lo.length == 1 ? cs : (hi[0] - lo[0]) * cs;
    }

    private Scene scene(State state, String frameNote) {
        Scene scene = new Scene();
        int n = steps.size();
        List<List<String>> gridLabels = new ArrayList<>();
        List<List<String>> kernelLabels = new ArrayList<>();
        for (int j = 0; j <= n; j++) {
            gridLabels.add(gridCaption(j));
        }
        for (int j = 0; j < n; j++) {
            kernelLabels.add(kernelCaption(j));
        }
        // Horizontal layout: a slot per grid, a gap (kernel + arrow) between grids.
        double[] slot = new double[n + 1];
        double[] gap = new double[n];
        for (int j = 0; j <= n; j++) {
            slot[j] = Math.max(gridWidth(j), widest(gridLabels.get(j)));
        }
        double kernelHeight = 0;
        for (int j = 0; j < n; j++) {
            int[] k = steps.get(j).kernel();
            gap[j] = Math.max(Math.max(Grids.col(k) + 1, 1) * kcs, widest(kernelLabels.get(j))) + 56;
            kernelHeight = Math.max(kernelHeight, (k.length == 1 ? 1 : k[0]) * kcs);
        }
        double maxGrid = 0;
        for (int j = 0; j <= n; j++) {
            maxGrid = Math.max(maxGrid, gridHeight(j));
        }
        double centre = TOP + Math.max(maxGrid / 2, kernelHeight + 16);
        double x = MARGIN;
        double bottom = centre + maxGrid / 2;
        Legend legend = new Legend();
        for (int j = 0; j <= n; j++) {
            double gx = x + (slot[j] - gridWidth(j)) / 2;
            double gy = centre - gridHeight(j) / 2;
            drawGrid(scene, j, gx, gy, state, legend);
            double ly = gy + gridHeight(j) + 20;
            for (int i = 0; i < gridLabels.get(j).size(); i++) {
                scene.add(new Scene.Text(x + slot[j] / 2, ly, gridLabels.get(j).get(i), LABEL, i == 0,
                        i == 0 ? Palette.INK : Palette.MUTED, Scene.Align.CENTER));
                ly += 17;
            }
            bottom = Math.max(bottom, ly);
            x += slot[j];
            if (j < n) {
                double ax1 = x + 10;
                double ax2 = x + gap[j] - 10;
                scene.add(new Scene.Arrow(ax1, centre, ax2, centre, Palette.INK));
                drawKernel(scene, j, x + gap[j] / 2, centre - 12, state);
                double ky = centre + 22;
                for (int i = 0; i < kernelLabels.get(j).size(); i++) {
                    scene.add(new Scene.Text(x + gap[j] / 2, ky, kernelLabels.get(j).get(i), LABEL, i == 0,
                            i == 0 ? Palette.INK : Palette.MUTED, Scene.Align.CENTER));
                    ky += 17;
                }
                bottom = Math.max(bottom, ky);
                x += gap[j];
            }
        }
        double width = x + MARGIN;
        String title = title();
        String subtitle = subtitle() + (frameNote.isEmpty() ? "" : "   ·   " + frameNote);
        width = Math.max(width, 2 * MARGIN + Math.max(Scene.textWidth(title, 17f, true),
                Scene.textWidth(subtitle, LABEL, false)));
        double legendY = bottom + 14;
        double legendBottom = legend.draw(scene, MARGIN, legendY, width - 2 * MARGIN);
        width = Math.max(width, legend.width() + 2 * MARGIN);
        // Centre the content when the title is the widest thing.
        scene.add(new Scene.Text(MARGIN, TITLE_Y, title, 17f, true, Palette.INK, Scene.Align.LEFT));
        scene.add(new Scene.Text(MARGIN, TITLE_Y + 21, subtitle, LABEL, false, Palette.MUTED, Scene.Align.LEFT));
        scene.size(width, legendBottom + 16);
        return scene;
    }

    private static double widest(List<String> lines) {
        double w = 0;
        for (int i = 0; i < lines.size(); i++) {
            w = Math.max(w, Scene.textWidth(lines.get(i), LABEL, i == 0));
        }
        return w;
    }

    private String title() {
        int[] in = plan.settings.input();
        int[] out = steps.get(steps.size() - 1).output();
        return plan.layerName() + ":  " + Grids.dims(in) + "  →  " + Grids.dims(out);
    }

    private String subtitle() {
        DrawSettings s = plan.settings;
        StringBuilder b = new StringBuilder("kernel " + Grids.dims(s.kernel()));
        b.append(" · stride ").append(Grids.same(s.stride()));
        b.append(" · padding ").append(Grids.same(s.padding()));
        if (s.type() != ConvType.SPATIALLY_SEPARABLE) {
            b.append(" · dilation ").append(Grids.same(s.dilation()));
        }
        if (s.type() == ConvType.TRANSPOSED) {
            b.append(" · output padding ").append(Grids.same(s.outputPadding()));
        }
        return b.toString();
    }

    private List<String> gridCaption(int j) {
        List<String> lines = new ArrayList<>();
        int n = steps.size();
        if (j == n) {
            lines.add("output " + Grids.dims(steps.get(n - 1).output()));
            return lines;
        }
        TapGeometry g = steps.get(j);
        if (j == 0) {
            lines.add("input " + Grids.dims(g.input()));
        } else {
            lines.add("after the " + plan.steps.get(j - 1).name() + " step " + Grids.dims(g.input()));
        }
        int[] ins = g.insertedStride();
        if (Grids.anyAbove(ins, 1)) {
            int[] zeros = ins.clone();
            for (int a = 0; a < zeros.length; a++) {
                zeros[a]--;
            }
            lines.add(Grids.same(zeros) + " zero" + (Grids.anyAbove(zeros, 1) ? "s" : "")
                    + " inserted between inputs (stride " + Grids.same(ins) + ")");
        }
        int[] before = g.padBefore();
        int[] after = g.padAfter();
        if (plan.settings.type() == ConvType.TRANSPOSED) {
            if (Grids.anyPositive(before)) {
                lines.add("padding d(k−1) − p = " + Grids.same(before) + " (dashed)");
            }
            if (Grids.anyPositive(plan.settings.outputPadding())) {
                lines.add("+ output padding " + Grids.same(plan.settings.outputPadding()) + " at the end");
            }
        } else if (Grids.anyPositive(before) || Grids.anyPositive(after)) {
            String pads = java.util.Arrays.equals(before, after) ? Grids.same(before)
                    : Grids.same(before) + " before, " + Grids.same(after) + " after";
            lines.add("padding " + pads + " (dashed)");
        }
        if (plan.settings.type() == ConvType.TRANSPOSED && Grids.anyAbove(negate(before), 0)) {
            lines.add("cropped by p − d(k−1) = " + Grids.same(negate(before)));
        }
        return lines;
    }

    private static int[] negate(int[] v) {
        int[] r = new int[v.length];
        for (int a = 0; a < v.length; a++) {
            r[a] = -v[a];
        }
        return r;
    }

    private List<String> kernelCaption(int j) {
        TapGeometry g = steps.get(j);
        List<String> lines = new ArrayList<>();
        String name = plan.steps.get(j).name();
        lines.add((name.equals("kernel") ? "kernel " : name + " ") + Grids.dims(g.kernel()));
        if (Grids.anyAbove(g.stride(), 1)) {
            lines.add("stride " + Grids.same(g.stride()));
        }
        if (plan.settings.type() == ConvType.TRANSPOSED) {
            lines.add("stride 1 over the zeros");
        }
        if (Grids.anyAbove(g.dilation(), 1)) {
            lines.add("dilation " + Grids.same(g.dilation()));
        }
        if (g.flipped()) {
            lines.add("applied flipped");
        }
        return lines;
    }

    private void drawKernel(Scene scene, int j, double cx, double bottomY, State state) {
        TapGeometry g = steps.get(j);
        int[] k = g.kernel();
        int rows = k.length == 1 ? 1 : k[0];
        int cols = Grids.col(k) + 1;
        double x0 = cx - cols * kcs / 2;
        double y0 = bottomY - rows * kcs;
        double[] w = values == null ? null : values.weights.get(j);
        int[] t = new int[k.length];
        int vol = Grids.volume(k);
        for (int f = 0; f < vol; f++) {
            t = Grids.unflat(f, k);
            String text = w == null ? Grids.weightName(t) : WorkedExample.format(w[f]);
            float size = (float) (w == null ? kcs * 0.36 : kcs * 0.44);
            scene.add(new Scene.Cell(x0 + Grids.col(t) * kcs, y0 + Grids.row(t) * kcs, kcs, kcs, Palette.KERNEL_FILL,
                    Palette.ORANGE, false, 1.2f, text, Palette.INK, size, null,
                    new Scene.CellTag("kernel" + j, t, Scene.Role.KERNEL, t, false)));
        }
    }

    private void drawGrid(Scene scene, int j, double gx, double gy, State state, Legend legend) {
        int n = steps.size();
        int[] lo = lo(j);
        int[] hi = hi(j);
        int rank = lo.length;
        int[] size = new int[rank];
        for (int a = 0; a < rank; a++) {
            size[a] = hi[a] - lo[a];
        }
        // Taps of step j at its current output: grid cell -> kernel element it multiplies.
        Map<Integer, int[]> footprint = new HashMap<>();
        if (j < n && state.current()[j] >= 0 && state.current()[j] < Grids.volume(steps.get(j).output())) {
            int currentFlat = state.current()[j];
            TapGeometry g = steps.get(j);
            int[] out = g.output();
            g.visit((p, t, q, inside) -> {
                if (Grids.flat(p, out) == currentFlat) {
                    int[] local = new int[rank];
                    for (int a = 0; a < rank; a++) {
                        local[a] = q[a] - lo[a];
                    }
                    footprint.put(Grids.flat(local, size), g.weightAt(t));
                }
            });
        }
        // Output state of step j-1, which writes this grid.
        int written = j == 0 ? Integer.MAX_VALUE : state.current()[j - 1];
        boolean isOutput = j == n;
        int[] real = j < n ? steps.get(j).grid() : steps.get(n - 1).output();
        double[] vals = values == null ? null : j < n ? values.stepInput(j) : values.outputs.get(n - 1);
        int vol = Grids.volume(size);
        for (int f = 0; f < vol; f++) {
            int[] local = Grids.unflat(f, size);
            int[] q = new int[rank];
            boolean inside = true;
            for (int a = 0; a < rank; a++) {
                q[a] = local[a] + lo[a];
                inside &= q[a] >= 0 && q[a] < real[a];
            }
            double x = gx + Grids.col(local) * cs;
            double y = gy + Grids.row(local) * cs;
            int[] weight = footprint.get(f);
            Scene.Role role;
            int[] element = q;
            if (!inside) {
                role = Scene.Role.PADDING;
            } else if (j < n && (element = steps.get(j).inputAt(q)) == null) {
                role = Scene.Role.INSERTED_ZERO;
            } else {
                role = isOutput ? Scene.Role.OUTPUT : Scene.Role.INPUT;
            }
            int flatOut = inside ? Grids.flat(q, real) : -1;
            boolean current = inside && j > 0 && flatOut == written;
            boolean computed = inside && (j == 0 || state.still() || flatOut < written);
            Color fill;
            Color border = Palette.GRID;
            boolean dashed = false;
            float borderWidth = 1f;
            Color textColour = Palette.INK;
            String text = null;
            switch (role) {
                case PADDING -> {
                    fill = Color.WHITE;
                    border = Palette.PADDING;
                    dashed = true;
                    legend.padding = true;
                }
                case INSERTED_ZERO -> {
                    fill = Color.WHITE;
                    border = Palette.PADDING;
                    dashed = true;
                    text = "0";
                    textColour = Palette.MUTED;
                    legend.inserted = true;
                }
                case OUTPUT -> {
                    fill = current ? Palette.BLUISH_GREEN : computed ? Palette.OUTPUT_FILL : Color.WHITE;
                    textColour = current ? Color.WHITE : Palette.INK;
                    legend.output = true;
                }
                default -> {
                    fill = computed || current ? Palette.INPUT_FILL : Color.WHITE;
                    legend.input = true;
                }
            }
            if (current && !isOutput) {
                border = Palette.BLUISH_GREEN;
                borderWidth = 3f;
            }
            if (vals != null && (computed || current) && role != Scene.Role.PADDING) {
                int ch = 0; // single-channel pictures: channel 0
                // A real input of a transposed convolution sits on the stride: index the input itself.
                int[] dims = j < n ? steps.get(j).input() : real;
                text = role == Scene.Role.INSERTED_ZERO ? "0"
                        : WorkedExample.format(vals[ch * Grids.volume(dims) + Grids.flat(element, dims)]);
            }
            if (vals != null && role == Scene.Role.INSERTED_ZERO) {
                text = "0";
            }
            String corner = null;
            if (weight != null) {
                // Over a zero (padding or inserted) the kernel multiplies nothing: a lighter shade.
                boolean zero = role == Scene.Role.PADDING || role == Scene.Role.INSERTED_ZERO;
                fill = zero ? Palette.FOOTPRINT_ON_ZERO : Palette.FOOTPRINT;
                legend.footprint = true;
                if (!(current && !isOutput)) {
                    border = Palette.ORANGE.darker();
                    borderWidth = 1.6f;
                }
                if (vals == null) {
                    text = Grids.weightName(weight);
                    textColour = Palette.INK;
                } else {
                    double[] w = values.weights.get(j);
                    corner = "×" + WorkedExample.format(w[Grids.flat(weight, steps.get(j).kernel())]);
                    if (role == Scene.Role.PADDING) {
                        text = "0";
                        textColour = Palette.MUTED;
                    }
                }
            }
            float fontSize = (float) (text != null && text.startsWith("w_") ? cs * 0.36 : cs * 0.42);
            scene.add(new Scene.Cell(x, y, cs, cs, fill, border, dashed, borderWidth, text, textColour, fontSize, corner,
                    new Scene.CellTag("grid" + j, q, role, weight, current)));
        }
    }

    /** The legend: a swatch for each kind of cell the picture shows. */
    static final class Legend {
        boolean input;
        boolean padding;
        boolean inserted;
        boolean footprint;
        boolean output;
        private double width;

        double width() {
            return width;
        }

        double draw(Scene scene, double x0, double y, double maxWidth) {
            List<Object[]> items = new ArrayList<>();
            if (input) {
                items.add(new Object[] {Palette.INPUT_FILL, Palette.GRID, false, "input"});
            }
            if (padding) {
                items.add(new Object[] {Color.WHITE, Palette.PADDING, true, "zero padding"});
            }
            if (inserted) {
                items.add(new Object[] {Color.WHITE, Palette.PADDING, true, "inserted zero"});
            }
            if (footprint) {
                items.add(new Object[] {Palette.FOOTPRINT, Palette.ORANGE.darker(), false, "under the kernel"});
            }
            if (output) {
                items.add(new Object[] {Palette.BLUISH_GREEN, Palette.GRID, false, "output being computed"});
            }
            double x = x0;
            double sw = 14;
            for (Object[] it : items) {
                String label = (String) it[3];
                double w = sw + 6 + Scene.textWidth(label, LABEL, false) + 22;
                if (x > x0 && x + w > x0 + maxWidth) {
                    x = x0;
                    y += 22;
                }
                scene.add(new Scene.Cell(x, y, sw, sw, (Color) it[0], (Color) it[1], (Boolean) it[2], 1f,
                        label.equals("inserted zero") ? "0" : null, Palette.MUTED, 10f, null, null));
                scene.add(new Scene.Text(x + sw + 6, y + sw - 2, label, LABEL, false, Palette.INK,
                        Scene.Align.LEFT));
                x += w;
                width = Math.max(width, x - x0);
            }
            return y + sw;
        }
    }
}
