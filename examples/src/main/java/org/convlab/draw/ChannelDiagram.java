package org.convlab.draw;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.convlab.reference.TapGeometry;

/**
 * The picture of convolutions about channels (depthwise, pointwise, depthwise separable, grouped,
 * and any convolution with several channels): each column is a stack of channels, each step's
 * filters sit between two columns, and colour says which channels belong together — one colour
 * per group (per channel for depthwise); the outputs of a step that mixes all its inputs are blue.
 * The footprint on every input channel comes from the step's {@link TapGeometry}, as in
 * {@link GridDiagram}. Grid {@code j} channel {@code c} is tagged "grid{j}.c{c}".
 */
final class ChannelDiagram {
    private static final double MARGIN = 24;
    private static final float LABEL = 13f;
    private static final int SHOWN = 4;

    private final ConvPlan plan;
    private final WorkedExample values;
    private final double cs;
    private final double kc;
    /** colours[j][c]: the colour of channel c of grid j. */
    private final Color[][] colours;

    ChannelDiagram(ConvPlan plan, WorkedExample values) {
        this.plan = plan;
        this.values = values;
        int n = plan.steps.size();
        int longest = 1;
        int tallest = 1;
        for (int j = 0; j <= n; j++) {
            int[] lo = lo(j);
            int[] hi = hi(j);
            int side = 1;
            for (int a = 0; a < lo.length; a++) {
                side = Math.max(side, hi[a] - lo[a]);
            }
            longest = Math.max(longest, side);
            int rows = lo.length == 1 ? 1 : hi[0] - lo[0];
            tallest = Math.max(tallest, shown(channels(j)).length * rows);
        }
        this.cs = Math.max(8, Math.min(30, Math.floor(Math.min(160.0 / longest, 480.0 / tallest))));
        this.kc = values != null ? Math.max(18, Math.min(cs, 22)) : Math.max(6, Math.min(cs, 14));
        colours = new Color[n + 1][];
        colours[0] = new Color[plan.steps.get(0).inChannels()];
        ConvPlan.Step first = plan.steps.get(0);
        for (int c = 0; c < colours[0].length; c++) {
            // By group; with one group, each channel its own colour (as the article's R, G, B slices).
            colours[0][c] = first.groups() > 1 ? Palette.category(c / (first.inChannels() / first.groups()))
                    : Palette.category(c);
        }
        for (int j = 0; j < n; j++) {
            ConvPlan.Step s = plan.steps.get(j);
            colours[j + 1] = new Color[s.outChannels()];
            for (int o = 0; o < s.outChannels(); o++) {
                colours[j + 1][o] = s.groups() > 1 ? Palette.category(o / (s.outChannels() / s.groups()))
                        : Palette.BLUE;
            }
        }
    }

    private int channels(int j) {
        return j == 0 ? plan.steps.get(0).inChannels() : plan.steps.get(j - 1).outChannels();
    }

    /** The channels drawn: all up to four, else the first three and the last. */
    private static int[] shown(int count) {
        if (count <= SHOWN) {
            int[] all = new int[count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
            }
            return all;
        }
        return new int[] {0, 1, 2, count - 1};
    }

    private int[] lo(int j) {
        if (j == plan.steps.size()) {
            return new int[plan.settings.rank()];
        }
        int[] before = plan.steps.get(j).taps().padBefore();
        int[] lo = new int[before.length];
        for (int a = 0; a < lo.length; a++) {
            lo[a] = -Math.max(before[a], 0);
        }
        return lo;
    }

    private int[] hi(int j) {
        if (j == plan.steps.size()) {
            return plan.steps.get(j - 1).output();
        }
        TapGeometry g = plan.steps.get(j).taps();
        int[] hi = g.grid();
        int[] after = g.padAfter();
        for (int a = 0; a < hi.length; a++) {
            hi[a] += Math.max(after[a], 0);
        }
        return hi;
    }

    private int[] size(int j) {
        int[] lo = lo(j);
        int[] hi = hi(j);
        int[] s = new int[lo.length];
        for (int a = 0; a < s.length; a++) {
            s[a] = hi[a] - lo[a];
        }
        return s;
    }

    private double gridW(int j) {
        return Grids.col(size(j)) * cs + cs;
    }

    private double gridH(int j) {
        int[] s = size(j);
        return s.length == 1 ? cs : s[0] * cs;
    }

    Scene still(int[] at) {
        int n = plan.steps.size();
        int[] current = new int[n];
        for (int j = 0; j < n; j++) {
            int[] out = plan.steps.get(j).output();
            int[] p = new int[out.length];
            for (int a = 0; a < out.length; a++) {
                p[a] = at == null ? 0 : Math.min(Math.max(at[Math.min(a, at.length - 1)], 0), out[a] - 1);
            }
            current[j] = Grids.flat(p, out);
        }
        return scene(current, true, "");
    }

    List<Scene> frames() {
        List<Scene> frames = new ArrayList<>();
        int n = plan.steps.size();
        int total = 0;
        for (ConvPlan.Step s : plan.steps) {
            total += Grids.volume(s.output());
        }
        int count = 0;
        for (int j = 0; j < n; j++) {
            int vol = Grids.volume(plan.steps.get(j).output());
            for (int i = 0; i < vol; i++) {
                int[] current = new int[n];
                for (int k = 0; k < n; k++) {
                    current[k] = k < j ? Grids.volume(plan.steps.get(k).output()) : k == j ? i : -1;
                }
                count++;
                frames.add(scene(current, false, (n > 1 ? plan.steps.get(j).name() + " step, " : "") + "position "
                        + count + " of " + total));
            }
        }
        return frames;
    }

    private Scene scene(int[] current, boolean still, String note) {
        Scene scene = new Scene();
        int n = plan.steps.size();
        List<String> colLabels = new ArrayList<>();
        List<List<String>> filterLabels = new ArrayList<>();
        for (int j = 0; j <= n; j++) {
            colLabels.add(columnLabel(j));
        }
        double[] slot = new double[n + 1];
        double[] gap = new double[n];
        double[] colH = new double[n + 1];
        for (int j = 0; j <= n; j++) {
            slot[j] = Math.max(gridW(j), Scene.textWidth(colLabels.get(j), LABEL, true)) + 8;
            int shownCount = shown(channels(j)).length;
            colH[j] = shownCount * gridH(j) + (shownCount - 1) * stackGap(j);
        }
        for (int j = 0; j < n; j++) {
            filterLabels.add(filterLabel(j));
            double widest = 0;
            for (int i = 0; i < filterLabels.get(j).size(); i++) {
                widest = Math.max(widest, Scene.textWidth(filterLabels.get(j).get(i), LABEL, i == 0));
            }
            gap[j] = Math.max(filterRowWidth(j), widest) + 70;
        }
        double maxH = 0;
        for (double h : colH) {
            maxH = Math.max(maxH, h);
        }
        double top = 76;
        double x = MARGIN;
        double bottom = top + maxH;
        for (int j = 0; j <= n; j++) {
            double y0 = top + (maxH - colH[j]) / 2;
            int[] chs = shown(channels(j));
            double gx = x + (slot[j] - gridW(j)) / 2;
            double[] centres = new double[chs.length];
            for (int i = 0; i < chs.length; i++) {
                double gy = y0 + i * (gridH(j) + stackGap(j));
                centres[i] = gy + gridH(j) / 2;
                drawChannel(scene, j, chs[i], gx, gy, current, still);
                if (i == chs.length - 2 && chs[i + 1] != chs[i] + 1) {
                    scene.add(new Scene.Text(gx + gridW(j) / 2, gy + gridH(j) + stackGap(j) / 2 + 5, "⋮", 15f, true,
                            Palette.MUTED, Scene.Align.CENTER));
                }
                scene.add(new Scene.Text(gx - 5, gy + Math.min(gridH(j), 14) - 2, "" + chs[i], 10f, false,
                        Palette.MUTED, Scene.Align.RIGHT));
            }
            scene.add(new Scene.Text(x + slot[j] / 2, top + maxH + 22, colLabels.get(j), LABEL, true, Palette.INK,
                    Scene.Align.CENTER));
            bottom = Math.max(bottom, top + maxH + 22);
            x += slot[j];
            if (j < n) {
                double mid = top + maxH / 2;
                drawFilters(scene, j, x + gap[j] / 2, top, maxH);
                scene.add(new Scene.Arrow(x + 4, mid, x + 26, mid, Palette.INK));
                scene.add(new Scene.Arrow(x + gap[j] - 26, mid, x + gap[j] - 4, mid, Palette.INK));
                double ly = top + maxH + 22;
                for (int i = 0; i < filterLabels.get(j).size(); i++) {
                    scene.add(new Scene.Text(x + gap[j] / 2, ly, filterLabels.get(j).get(i), LABEL, i == 0,
                            i == 0 ? Palette.INK : Palette.MUTED, Scene.Align.CENTER));
                    ly += 17;
                }
                bottom = Math.max(bottom, ly - 17);
                x += gap[j];
            }
        }
        String title = title();
        String subtitle = subtitle() + (note.isEmpty() ? "" : "   ·   " + note);
        scene.add(new Scene.Text(MARGIN, 28, title, 17f, true, Palette.INK, Scene.Align.LEFT));
        scene.add(new Scene.Text(MARGIN, 49, subtitle, LABEL, false, Palette.MUTED, Scene.Align.LEFT));
        String legend = legendText();
        String keys = "Dark: under the kernel (the channel's own colour); green: the output being computed.";
        scene.add(new Scene.Text(MARGIN, bottom + 28, legend, LABEL, false, Palette.MUTED, Scene.Align.LEFT));
        scene.add(new Scene.Text(MARGIN, bottom + 46, keys, LABEL, false, Palette.MUTED, Scene.Align.LEFT));
        double width = Math.max(x + MARGIN, 2 * MARGIN + Math.max(Scene.textWidth(title, 17f, true),
                Math.max(Scene.textWidth(subtitle, LABEL, false), Math.max(Scene.textWidth(legend, LABEL, false),
                        Scene.textWidth(keys, LABEL, false)))));
        scene.size(width, bottom + 62);
        return scene;
    }

    private double stackGap(int j) {
        return shown(channels(j)).length < channels(j) ? 22 : 10;
    }

    private String title() {
        int n = plan.steps.size();
        int[] in = plan.settings.input();
        int[] out = plan.steps.get(n - 1).output();
        return plan.layerName() + ":  " + Grids.dims(in) + "×" + channels(0) + "  →  " + Grids.dims(out) + "×"
                + channels(n);
    }

    private String subtitle() {
        DrawSettings s = plan.settings;
        StringBuilder b = new StringBuilder();
        if (s.type() != ConvType.POINTWISE) {
            b.append("kernel ").append(Grids.dims(s.kernel())).append(" · stride ").append(Grids.same(s.stride()))
                    .append(" · padding ").append(Grids.same(s.padding())).append(" · dilation ")
                    .append(Grids.same(s.dilation())).append(" · ");
        }
        ConvPlan.Step first = plan.steps.get(0);
        b.append("groups ").append(first.groups());
        if (s.type() == ConvType.DEPTHWISE || s.type() == ConvType.DEPTHWISE_SEPARABLE) {
            b.append(" · depth multiplier ").append(s.depthMultiplier());
        }
        return b.toString();
    }

    private String legendText() {
        ConvPlan.Step first = plan.steps.get(0);
        String colour = first.groups() == first.inChannels() && first.groups() > 1
                ? "one colour per channel: each is convolved on its own"
                : first.groups() > 1 ? "one colour per group: a filter sees only its group's channels"
                : "one colour per input channel: every filter reads all of them";
        return "Colour: " + colour + (plan.steps.size() > 1 || first.groups() == 1
                ? "; blue: channels that mix all their inputs." : ".");
    }

    private String columnLabel(int j) {
        int n = plan.steps.size();
        int[] spatial = j == n ? plan.steps.get(n - 1).output() : plan.steps.get(j).taps().input();
        String size = Grids.dims(spatial) + "×" + channels(j);
        if (j == 0) {
            return "input " + size;
        }
        return (j == n ? "output " : "after " + plan.steps.get(j - 1).name() + " ") + size;
    }

    private List<String> filterLabel(int j) {
        ConvPlan.Step s = plan.steps.get(j);
        int cg = s.inChannels() / s.groups();
        List<String> lines = new ArrayList<>();
        lines.add(s.outChannels() + " filter" + (s.outChannels() == 1 ? "" : "s") + " "
                + Grids.dims(s.taps().kernel()) + "×" + cg);
        if (s.groups() > 1) {
            lines.add(s.groups() + " groups of " + cg + " channel" + (cg == 1 ? "" : "s"));
        }
        return lines;
    }

    private double filterRowWidth(int j) {
        ConvPlan.Step s = plan.steps.get(j);
        int cg = Math.min(s.inChannels() / s.groups(), SHOWN);
        int kw = Grids.col(s.taps().kernel()) + 1;
        return cg * (kw * kc + 6);
    }

    /** Per drawn output channel, its filter: one small kernel per input channel it reads, in that channel's colour. */
    private void drawFilters(Scene scene, int j, double cx, double top, double height) {
        ConvPlan.Step s = plan.steps.get(j);
        int[] outs = shown(s.outChannels());
        int cg = s.inChannels() / s.groups();
        int og = s.outChannels() / s.groups();
        int[] k = s.taps().kernel();
        int kw = Grids.col(k) + 1;
        int kh = k.length == 1 ? 1 : k[0];
        double rowH = kh * kc;
        double pitch = Math.min(height / outs.length, rowH + 26);
        double y0 = top + (height - pitch * outs.length) / 2 + (pitch - rowH) / 2;
        int[] ins = shown(cg);
        double rowW = ins.length * (kw * kc + 6) - 6;
        for (int i = 0; i < outs.length; i++) {
            int o = outs[i];
            int group = o / og;
            double y = y0 + i * pitch;
            double x = cx - rowW / 2;
            for (int m : ins) {
                int c = group * cg + m;
                Color colour = colours[j][c];
                for (int f = 0; f < Grids.volume(k); f++) {
                    int[] t = Grids.unflat(f, k);
                    // The worked example's weight: every step's weight is [out, in/groups, k...] here.
                    String text = values == null || plan.settings.type() == ConvType.TRANSPOSED ? null
                            : WorkedExample.format(values.weights.get(j)[(o * cg + m) * Grids.volume(k) + f]);
                    scene.add(new Scene.Cell(x + Grids.col(t) * kc, y + Grids.row(t) * kc, kc, kc,
                            Palette.tint(colour, 0.55), colour.darker(), false, 0.8f, text, Palette.INK,
                            (float) (kc * 0.5), null,
                            new Scene.CellTag("filter" + j + ".o" + o + ".c" + c, t, Scene.Role.KERNEL, t, false)));
                }
                x += kw * kc + 6;
            }
            scene.add(new Scene.Text(cx - rowW / 2 - 5, y + Math.min(rowH, 12) - 1, "" + o, 10f, false,
                    Palette.MUTED, Scene.Align.RIGHT));
            if (i == outs.length - 2 && outs[i + 1] != o + 1) {
                scene.add(new Scene.Text(cx, y + rowH + (pitch - rowH) / 2 + 5, "⋮", 15f, true, Palette.MUTED,
                        Scene.Align.CENTER));
            }
        }
    }

    private void drawChannel(Scene scene, int j, int ch, double gx, double gy, int[] current, boolean still) {
        int n = plan.steps.size();
        int[] lo = lo(j);
        int[] size = size(j);
        int rank = lo.length;
        Color colour = colours[j][ch];
        Map<Integer, int[]> footprint = new HashMap<>();
        if (j < n && current[j] >= 0 && current[j] < Grids.volume(plan.steps.get(j).output())) {
            TapGeometry g = plan.steps.get(j).taps();
            int[] out = g.output();
            int cur = current[j];
            g.visit((p, t, q, inside) -> {
                if (Grids.flat(p, out) == cur) {
                    int[] local = new int[rank];
                    for (int a = 0; a < rank; a++) {
                        local[a] = q[a] - lo[a];
                    }
                    footprint.put(Grids.flat(local, size), g.weightAt(t));
                }
            });
        }
        int written = j == 0 ? Integer.MAX_VALUE : current[j - 1];
        int[] real = j < n ? plan.steps.get(j).taps().grid() : plan.steps.get(n - 1).output();
        double[] vals = values == null ? null : j < n ? values.stepInput(j) : values.outputs.get(n - 1);
        boolean numbers = vals != null && cs >= 20;
        for (int f = 0; f < Grids.volume(size); f++) {
            int[] local = Grids.unflat(f, size);
            int[] q = new int[rank];
            boolean inside = true;
            for (int a = 0; a < rank; a++) {
                q[a] = local[a] + lo[a];
                inside &= q[a] >= 0 && q[a] < real[a];
            }
            boolean zero = inside && j < n && plan.steps.get(j).taps().inputAt(q) == null;
            int flat = inside ? Grids.flat(q, real) : -1;
            boolean isCurrent = inside && j > 0 && flat == written;
            boolean computed = inside && (j == 0 || still || flat < written);
            int[] weight = footprint.get(f);
            Color fill = !inside ? Color.WHITE : computed || isCurrent ? Palette.tint(colour, 0.28) : Color.WHITE;
            Color border = inside ? Palette.GRID : Palette.PADDING;
            float bw = 0.8f;
            if (weight != null) {
                fill = inside ? Palette.tint(colour, 0.85) : Palette.tint(colour, 0.35);
                border = colour.darker();
                bw = 1.4f;
            }
            if (isCurrent) {
                if (j == n) {
                    fill = Palette.BLUISH_GREEN;
                }
                border = Palette.BLUISH_GREEN.darker();
                bw = 2.6f;
            }
            int[] element = j < n && inside ? plan.steps.get(j).taps().inputAt(q) : q;
            int[] dims = j < n ? plan.steps.get(j).taps().input() : real;
            String text = numbers && inside && !zero && (computed || isCurrent)
                    ? WorkedExample.format(vals[ch * Grids.volume(dims) + Grids.flat(element, dims)]) : null;
            Scene.Role role = !inside ? Scene.Role.PADDING : zero ? Scene.Role.INSERTED_ZERO
                    : j == n ? Scene.Role.OUTPUT : Scene.Role.INPUT;
            if (zero) {
                fill = weight != null ? Palette.tint(colour, 0.35) : Color.WHITE;
                border = weight != null ? colour.darker() : Palette.PADDING;
            }
            scene.add(new Scene.Cell(gx + Grids.col(local) * cs, gy + Grids.row(local) * cs, cs, cs, fill, border,
                    !inside || zero, bw, text, isCurrent && j == n ? Color.WHITE : Palette.INK, (float) (cs * 0.42), null,
                    new Scene.CellTag("grid" + j + ".c" + ch, q, role, weight, isCurrent)));
        }
    }
}
