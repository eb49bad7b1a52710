package org.convlab.draw;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convlab.reference.TapGeometry;

/**
 * The convolution as a matrix, {@code vec(y) = C vec(x)}: row {@code (o, p)}, column {@code (c, q)}
 * holds the kernel element that multiplies {@code x[c, q]} in {@code y[o, p]}, as in the article's
 * 4x16 figure. The entries are assembled from the same taps the grid pictures show (one per
 * (output position, kernel tap) inside the input); the rest of C is zero. For the transposed
 * convolution the taps give C^T directly, and C is drawn beside it as its transpose.
 */
final class MatrixDiagram {
    private static final double MARGIN = 24;
    private static final float LABEL = 13f;

    /** entries[row][col]: flat index into the layer's weight parameter, or -1 for a structural zero. */
    final int[][] entries;
    final int[] weightShape;
    final String suffix;
    private final String title;
    private final String rowName;
    private final String colName;
    private final int[] rowSpatial;
    private final int[] colSpatial;
    private final int rowChannels;
    private final int colChannels;
    private final int groups;
    private final double[] weightValues;

    private MatrixDiagram(int[][] entries, int[] weightShape, String suffix, String title, String rowName,
            String colName, int[] rowSpatial, int[] colSpatial, int rowChannels, int colChannels, int groups,
            double[] weightValues) {
        this.entries = entries;
        this.weightShape = weightShape;
        this.suffix = suffix;
        this.title = title;
        this.rowName = rowName;
        this.colName = colName;
        this.rowSpatial = rowSpatial;
        this.colSpatial = colSpatial;
        this.rowChannels = rowChannels;
        this.colChannels = colChannels;
        this.groups = groups;
        this.weightValues = weightValues;
    }

    String suffix() {
        return suffix;
    }

    /** C for a convolution; C and C^T for a transposed convolution. */
    static List<MatrixDiagram> of(ConvPlan plan, WorkedExample values) {
        if (plan.steps.size() != 1 || plan.settings.type() == ConvType.CONV3D) {
            throw new IllegalArgumentException("--matrix: drawn for one-step layers of rank 1 or 2 (conv, true-conv,"
                    + " dilated, transposed, depthwise, pointwise, grouped), found " + plan.settings.type().cliName());
        }
        ConvPlan.Step step = plan.steps.get(0);
        TapGeometry g = step.taps();
        double[] w = values == null ? null : values.weights.get(0);
        String layer = plan.layerName();
        int c = step.inChannels();
        int o = step.outChannels();
        int groups = step.groups();
        int[] in = g.input();
        int[] out = g.output();
        if (plan.settings.type() == ConvType.TRANSPOSED) {
            int[][] ct = entries(g, o, c, groups, true);
            int[] wShape = weightShape(c, o / groups, g.kernel());
            int[][] cm = transpose(ct);
            List<MatrixDiagram> both = new ArrayList<>();
            both.add(new MatrixDiagram(cm, wShape, "-matrix", "C: the " + Grids.dims(out) + " → " + Grids.dims(in)
                    + " convolution as a " + cm.length + "×" + cm[0].length + " matrix (" + layer
                    + " multiplies by C^T)", "y", "x", in, out, c, o, groups, w));
            both.add(new MatrixDiagram(ct, wShape, "-matrix-T", "C^T: " + layer + " " + Grids.dims(in) + " → "
                    + Grids.dims(out) + " as a " + ct.length + "×" + ct[0].length + " matrix", "y", "x", out, in, o, c,
                    groups, w));
            return both;
        }
        int[][] cm = entries(g, o, c, groups, false);
        return List.of(new MatrixDiagram(cm, weightShape(o, c / groups, g.kernel()), "-matrix", "C: " + layer + " "
                + Grids.dims(in) + " → " + Grids.dims(out) + " as a " + cm.length + "×" + cm[0].length + " matrix",
                "y", "x", out, in, o, c, groups, w));
    }

    private static int[] weightShape(int a, int b, int[] k) {
        int[] s = new int[k.length + 2];
        s[0] = a;
        s[1] = b;
        System.arraycopy(k, 0, s, 2, k.length);
        return s;
    }

    /**
     * Rows (o, p), columns (c, q) from the taps. For the transposed convolution the grid holds the
     * inputs spaced by the stride, and the weight is stored [in, out/groups, k...].
     */
    private static int[][] entries(TapGeometry g, int outChannels, int inChannels, int groups, boolean transposed) {
        int[] out = g.output();
        int[] in = g.input();
        int outVol = Grids.volume(out);
        int inVol = Grids.volume(in);
        int kVol = Grids.volume(g.kernel());
        int[][] m = new int[outChannels * outVol][inChannels * inVol];
        for (int[] row : m) {
            Arrays.fill(row, -1);
        }
        int og = outChannels / groups;
        int cg = inChannels / groups;
        g.visit((p, t, q, inside) -> {
            int[] x = inside ? g.inputAt(q) : null;
            if (x == null) {
                return;
            }
            int kFlat = Grids.flat(g.weightAt(t), g.kernel());
            for (int oc = 0; oc < outChannels; oc++) {
                int group = oc / og;
                for (int j = 0; j < cg; j++) {
                    int ic = group * cg + j;
                    int wFlat = transposed ? ((ic * og + oc % og) * kVol + kFlat) : ((oc * cg + j) * kVol + kFlat);
                    m[oc * outVol + Grids.flat(p, out)][ic * inVol + Grids.flat(x, in)] = wFlat;
                }
            }
        });
        return m;
    }

    private static int[][] transpose(int[][] m) {
        int[][] t = new int[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    Scene scene() {
        int rows = entries.length;
        int cols = entries[0].length;
        double mc = Math.max(12, Math.min(44, Math.floor(Math.min(960.0 / cols, 720.0 / rows))));
        boolean labels = mc >= 30;
        float font = (float) Math.min(14, mc * 0.34);
        String sampleRow = index(rowName, rows - 1, rowSpatial, rowChannels);
        double rowLabelWidth = Scene.textWidth(sampleRow, LABEL, false) + 10;
        String sampleCol = index(colName, cols - 1, colSpatial, colChannels);
        boolean colLabels = Scene.textWidth(sampleCol, 11f, false) + 4 <= mc;
        double x0 = MARGIN + rowLabelWidth;
        double y0 = 70 + (colLabels ? 20 : 0);
        Scene scene = new Scene();
        scene.add(new Scene.Text(MARGIN, 28, title, 17f, true, Palette.INK, Scene.Align.LEFT));
        String note = "rows: outputs " + rowName + " (" + rows + "), columns: inputs " + colName + " (" + cols
                + "); shaded: the kernel element that multiplies that input, white: a structural zero";
        scene.add(new Scene.Text(MARGIN, 49, note, LABEL, false, Palette.MUTED, Scene.Align.LEFT));
        for (int j = 0; colLabels && j < cols; j++) {
            scene.add(new Scene.Text(x0 + j * mc + mc / 2, y0 - 7, index(colName, j, colSpatial, colChannels), 11f,
                    false, Palette.MUTED, Scene.Align.CENTER));
        }
        int og = rowChannels / groups;
        int rowVol = Grids.volume(rowSpatial);
        for (int i = 0; i < rows; i++) {
            if (mc >= 14) {
                scene.add(new Scene.Text(x0 - 8, y0 + i * mc + mc / 2 + 4, index(rowName, i, rowSpatial, rowChannels),
                        Math.min(LABEL, (float) mc * 0.8f), false, Palette.MUTED, Scene.Align.RIGHT));
            }
            for (int j = 0; j < cols; j++) {
                int e = entries[i][j];
                Color fill = Color.WHITE;
                String text = null;
                Color textColour = Palette.INK;
                int[] weight = null;
                if (e >= 0) {
                    int group = (i / rowVol) / Math.max(1, og);
                    fill = groups > 1 ? Palette.tint(Palette.category(group), 0.5) : Palette.FOOTPRINT;
                    weight = Grids.unflat(e, weightShape);
                    if (labels) {
                        text = weightValues != null ? WorkedExample.format(weightValues[e]) : weightLabel(weight);
                    }
                } else if (labels) {
                    text = "0";
                    textColour = Palette.PADDING;
                }
                scene.add(new Scene.Cell(x0 + j * mc, y0 + i * mc, mc, mc, fill, Palette.GRID, false, 0.8f, text,
                        textColour, font, null, new Scene.CellTag("C", new int[] {i, j}, Scene.Role.MATRIX, weight,
                                false)));
            }
        }
        double width = Math.max(x0 + cols * mc, MARGIN + Scene.textWidth(note, LABEL, false));
        width = Math.max(width, MARGIN + Scene.textWidth(title, 17f, true));
        scene.size(width + MARGIN, y0 + rows * mc + 20);
        return scene;
    }

    /** "w_1,2" for one channel, "w_o,c,1,2" with channels. */
    private String weightLabel(int[] weight) {
        boolean oneChannel = weightShape[0] == 1 && weightShape[1] == 1;
        return Grids.weightName(oneChannel ? Arrays.copyOfRange(weight, 2, weight.length) : weight);
    }

    private static String index(String name, int flat, int[] spatial, int channels) {
        int vol = Grids.volume(spatial);
        int[] idx = Grids.unflat(flat % vol, spatial);
        StringBuilder b = new StringBuilder(name).append('_');
        if (channels > 1) {
            b.append(flat / vol).append(';');
        }
        for (int a = 0; a < idx.length; a++) {
            b.append(a > 0 ? "," : "").append(idx[a]);
        }
        return b.toString();
    }
}
