package org.convlab.draw;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.convlab.reference.TapGeometry;

/**
 * The receptive field of stacked dilated layers (the article's l = 1, 2, 4 figure): panel i shows
 * the input pixels one output pixel of layer i depends on (shaded), and the nine positions the
 * i-th layer's kernel reads, traced back to the input (orange). Every layer is a stride-1
 * convolution whose taps come from {@link TapGeometry}; the field is their composition.
 */
final class ReceptiveFieldDiagram {
    private static final double MARGIN = 24;
    private static final float LABEL = 13f;

    private final int k;
    private final int[] rates;
    private final int side;

    ReceptiveFieldDiagram(int k, int[] rates) {
        if (rates.length == 0 || k < 1) {
            throw new IllegalArgumentException("--stack: expected one or more rates, e.g. 1,2,4");
        }
        this.k = k;
        this.rates = rates.clone();
        int span = 1;
        for (int r : rates) {
            if (r < 1) {
                throw new IllegalArgumentException("--stack: rates must be at least 1, found " + r);
            }
            span += r * (k - 1);
        }
        this.side = span;
    }

    /** Side of the receptive field after each layer (the test compares with (k-1) sum r + 1). */
    int[] fieldSides() {
        int[] sides = new int[rates.length];
        for (int i = 0; i < rates.length; i++) {
            Set<Integer> field = field(i + 1, false);
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (int f : field) {
                min = Math.min(min, f % side);
                max = Math.max(max, f % side);
            }
            sides[i] = max - min + 1;
        }
        return sides;
    }

    /**
     * The input pixels (flat on side x side) that the centre pixel after {@code layers} layers reads;
     * with {@code lastOnly}, only the last layer's own taps, each traced to the pixel at its centre.
     */
    private Set<Integer> field(int layers, boolean lastOnly) {
        int c = side / 2;
        Set<Integer> set = new HashSet<>();
        set.add(c * side + c);
        for (int l = layers - 1; l >= 0; l--) {
            if (lastOnly && l < layers - 1) {
                break;
            }
            int d = rates[l];
            int pad = d * (k - 1) / 2;
            TapGeometry g = TapGeometry.correlation(new int[] {side, side}, new int[] {k, k}, new int[] {1, 1},
                    new int[] {pad, pad}, new int[] {pad, pad}, new int[] {d, d});
            Set<Integer> next = new HashSet<>();
            Set<Integer> from = set;
            g.visit((p, t, q, inside) -> {
                if (inside && from.contains(p[0] * side + p[1])) {
                    next.add(q[0] * side + q[1]);
                }
            });
            set = next;
        }
        return set;
    }

    Scene scene() {
        Scene scene = new Scene();
        double cs = Math.max(8, Math.min(22, Math.floor(760.0 / (rates.length * side + 2 * rates.length))));
        double panel = side * cs;
        double gap = 36;
        double top = 70;
        double x = MARGIN;
        List<String> captions = new ArrayList<>();
        int[] sides = fieldSides();
        for (int i = 0; i < rates.length; i++) {
            Set<Integer> field = field(i + 1, false);
            Set<Integer> taps = field(i + 1, true);
            String first = "layer " + (i + 1) + ": dilation " + rates[i];
            String second = sides[i] + "×" + sides[i] + " receptive field, " + k * k + " weights";
            double slot = Math.max(panel, Math.max(Scene.textWidth(first, LABEL, true),
                    Scene.textWidth(second, LABEL, false)));
            double px = x + (slot - panel) / 2;
            for (int f = 0; f < side * side; f++) {
                int r = f / side;
                int c = f % side;
                boolean tap = taps.contains(f);
                boolean seen = field.contains(f);
                scene.add(new Scene.Cell(px + c * cs, top + r * cs, cs, cs,
                        tap ? Palette.ORANGE : seen ? Palette.INPUT_FILL : java.awt.Color.WHITE,
                        tap ? Palette.ORANGE.darker() : Palette.tint(Palette.GRID, 0.6), false, tap ? 1.2f : 0.6f,
                        null, Palette.INK, 9f, null, new Scene.CellTag("layer" + (i + 1), new int[] {r, c},
                                seen ? Scene.Role.INPUT : Scene.Role.PADDING, tap ? new int[0] : null, false)));
            }
            scene.add(new Scene.Text(x + slot / 2, top + panel + 22, first, LABEL, true, Palette.INK,
                    Scene.Align.CENTER));
            scene.add(new Scene.Text(x + slot / 2, top + panel + 40, second, LABEL, false, Palette.MUTED,
                    Scene.Align.CENTER));
            captions.add(second);
            x += slot + gap;
        }
        String title = "Stacked " + k + "×" + k + " dilated layers: the receptive field grows exponentially";
        String sub = "Shaded: the input pixels one output pixel of that layer depends on; orange: the " + k * k
                + " pixels its own kernel reads";
        scene.add(new Scene.Text(MARGIN, 28, title, 17f, true, Palette.INK, Scene.Align.LEFT));
        scene.add(new Scene.Text(MARGIN, 49, sub, LABEL, false, Palette.MUTED, Scene.Align.LEFT));
        double width = Math.max(x - gap + MARGIN, 2 * MARGIN + Math.max(Scene.textWidth(title, 17f, true),
                Scene.textWidth(sub, LABEL, false)));
        scene.size(width, top + panel + 56);
        return scene;
    }
}
