package org.convlab.draw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What is drawn is what the layer multiplies: for every frame of every drawing in a grid of
 * settings (types x stride x padding x dilation x output padding x groups), the input cells shaded
 * under the kernel, and the kernel element written on each, equal the non-zeros of that output's
 * row in the reference's explicit matrix (built here from the settings alone); the frames visit
 * every output position in order; and the drawn output grid is the layer's {@code outputShape}.
 */
class DrawnTapsTest {

    static Stream<DrawSettings> settingsGrid() {
        List<DrawSettings> all = new ArrayList<>();
        for (int stride : new int[] {1, 2}) {
            for (int padding : new int[] {0, 1}) {
                for (int dilation : new int[] {1, 2}) {
                    all.add(DrawSettings.builder(ConvType.CONV, 6, 5).stride(stride).padding(padding)
                            .dilation(dilation).build());
                    all.add(DrawSettings.builder(ConvType.CONV, 7).stride(stride).padding(padding)
                            .dilation(dilation).build());
                    all.add(DrawSettings.builder(ConvType.TRUE_CONV, 5, 6).kernel(3, 2).stride(stride)
                            .padding(padding).dilation(dilation).build());
                    all.add(DrawSettings.builder(ConvType.DILATED, 7, 7).stride(stride).padding(padding)
                            .dilation(dilation + 1).build());
                    for (int outputPadding = 0; outputPadding < stride; outputPadding++) {
                        all.add(DrawSettings.builder(ConvType.TRANSPOSED, 3, 2).stride(stride).padding(padding)
                                .dilation(dilation).outputPadding(outputPadding).build());
                        all.add(DrawSettings.builder(ConvType.TRANSPOSED, 4).kernel(3).stride(stride)
                                .padding(padding).dilation(dilation).outputPadding(outputPadding).build());
                    }
                    for (int groups : new int[] {1, 2}) {
                        all.add(DrawSettings.builder(ConvType.GROUPED, 5, 5).channels(4).outChannels(4)
                                .groups(groups).stride(stride).padding(padding).dilation(dilation).build());
                        all.add(DrawSettings.builder(ConvType.CONV, 6).channels(2).outChannels(4).groups(groups)
                                .stride(stride).padding(padding).dilation(dilation).build());
                    }
                    all.add(DrawSettings.builder(ConvType.DEPTHWISE, 5, 5).channels(2).depthMultiplier(2)
                            .stride(stride).padding(padding).dilation(dilation).build());
                    all.add(DrawSettings.builder(ConvType.DEPTHWISE_SEPARABLE, 6, 6).channels(3).outChannels(5)
                            .stride(stride).padding(padding).dilation(dilation).build());
                }
                all.add(DrawSettings.builder(ConvType.SPATIALLY_SEPARABLE, 5, 6).stride(stride).padding(padding)
                        .build());
                all.add(DrawSettings.builder(ConvType.CONV3D, 4, 4, 3).kernel(2, 3, 2).stride(stride)
                        .padding(padding).build());
            }
        }
        all.add(DrawSettings.builder(ConvType.POINTWISE, 3, 4).channels(3).outChannels(2).build());
        all.add(DrawSettings.builder(ConvType.TRANSPOSED, 3, 3).channels(2).outChannels(4).groups(2).stride(2)
                .build());
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("settingsGrid")
    void drawnTapsAreTheReferenceTaps(DrawSettings settings) {
        ConvPlan plan = new ConvPlan(settings);
        List<StepMatrices.Step> reference = StepMatrices.of(settings);
        List<Scene> frames = ConvDrawings.frames(plan, null).all();
        int frame = 0;
        for (int j = 0; j < reference.size(); j++) {
            StepMatrices.Step step = reference.get(j);
            int outVol = volume(step.out());
            for (int p = 0; p < outVol; p++) {
                Scene scene = frames.get(frame++);
                String where = settings + " step " + j + " output " + Arrays.toString(unflat(p, step.out()));
                for (int c = 0; c < step.inChannels(); c++) {
                    List<Scene.Cell> cells = inputCells(scene, settings, j, c);
                    if (cells.isEmpty()) {
                        continue; // a channel not drawn (only four of a stack are)
                    }
                    assertEquals(expectedTaps(step, p, c), drawnTaps(cells, step), where + " input channel " + c);
                }
                assertEquals(p, currentOutput(scene, settings, j, reference.size(), step), where);
            }
        }
        assertEquals(frame, frames.size(), "one frame per output position of every step");
    }

    @ParameterizedTest
    @MethodSource("settingsGrid")
    void drawnOutputGridIsTheLayersOutputShape(DrawSettings settings) {
        ConvPlan plan = new ConvPlan(settings);
        long[] layerShape = plan.layer.outputShape(plan.inputShape());
        Scene still = ConvDrawings.frames(plan, null).still(null);
        int last = plan.steps.size();
        String grid = settings.type() == ConvType.CONV3D || !isChannelPicture(settings) ? "grid" + last
                : "grid" + last + ".c0";
        int[] extent = new int[settings.rank()];
        for (Scene.Cell cell : still.cells(grid)) {
            if (cell.tag().role() == Scene.Role.OUTPUT) {
                for (int a = 0; a < extent.length; a++) {
                    extent[a] = Math.max(extent[a], cell.tag().index()[a] + 1);
                }
            }
        }
        long[] drawn = new long[extent.length];
        for (int a = 0; a < extent.length; a++) {
            drawn[a] = extent[a];
        }
        assertArrayEquals(Arrays.copyOfRange(layerShape, 2, layerShape.length), drawn, settings.toString());
    }

    @Test
    void theArticlesTransposedSettingsDrawFourByFour() {
        // 2x2 -> 4x4 with a 3x3 kernel (stride 1, padding 0), the article's upsampling figure.
        DrawSettings s = DrawSettings.builder(ConvType.TRANSPOSED, 2, 2).kernel(3).build();
        Scene still = ConvDrawings.frames(new ConvPlan(s), null).still(null);
        long outputs = still.cells("grid1").stream().filter(c -> c.tag().role() == Scene.Role.OUTPUT).count();
        long inputs = still.cells("grid0").stream().filter(c -> c.tag().role() == Scene.Role.INPUT).count();
        long padding = still.cells("grid0").stream().filter(c -> c.tag().role() == Scene.Role.PADDING).count();
        assertEquals(16, outputs);
        assertEquals(4, inputs);
        assertEquals(36 - 4, padding, "a 2x2 input padded by d(k-1)-p = 2 on every side is 6x6");
    }

    private static boolean isChannelPicture(DrawSettings s) {
        return s.type().aboutChannels() || s.channels() > 1 || s.outChannels() > 1;
    }

    private static List<Scene.Cell> inputCells(Scene scene, DrawSettings s, int step, int channel) {
        if (!isChannelPicture(s) || s.type() == ConvType.CONV3D) {
            return channel == 0 ? scene.cells("grid" + step) : List.of();
        }
        return scene.cells("grid" + step + ".c" + channel);
    }

    /** input element (flat, in the layer's input of the step) -> kernel element (spatial, flat), as drawn. */
    private static Map<Integer, Integer> drawnTaps(List<Scene.Cell> cells, StepMatrices.Step step) {
        int[] k = Arrays.copyOfRange(step.weightShape(), 2, step.weightShape().length);
        Map<Integer, Integer> taps = new TreeMap<>();
        for (Scene.Cell cell : cells) {
            Scene.CellTag tag = cell.tag();
            if (tag.weight() == null || tag.role() != Scene.Role.INPUT) {
                continue; // padding and inserted zeros are multiplied by nothing
            }
            int[] x = tag.index().clone();
            for (int a = 0; a < x.length; a++) {
                assertEquals(0, x[a] % step.insertedStride(), "a real input sits on the stride");
                x[a] /= step.insertedStride();
            }
            taps.put(StepMatrices.flat(x, step.in()), StepMatrices.flat(tag.weight(), k));
        }
        return taps;
    }

    /** The same from the reference's matrix: every output channel reading input channel c at position p. */
    private static Map<Integer, Integer> expectedTaps(StepMatrices.Step step, int p, int c) {
        int outVol = volume(step.out());
        int inVol = volume(step.in());
        int[] wShape = step.weightShape();
        Map<Integer, Integer> taps = new TreeMap<>();
        for (int o = 0; o < step.outChannels(); o++) {
            double[] row = step.matrix()[o * outVol + p];
            for (int x = 0; x < inVol; x++) {
                double w = row[c * inVol + x];
                if (w != 0) {
                    int[] idx = StepMatrices.unflat((int) w - 1, wShape);
                    int spatial = StepMatrices.flat(Arrays.copyOfRange(idx, 2, idx.length),
                            Arrays.copyOfRange(wShape, 2, wShape.length));
                    Integer before = taps.put(x, spatial);
                    assertTrue(before == null || before == spatial, "every output channel uses the same tap");
                }
            }
        }
        return taps;
    }

    private static int currentOutput(Scene scene, DrawSettings s, int step, int steps, StepMatrices.Step ref) {
        String grid = "grid" + (step + 1) + (isChannelPicture(s) && s.type() != ConvType.CONV3D ? ".c0" : "");
        List<Integer> current = new ArrayList<>();
        for (Scene.Cell cell : scene.cells(grid)) {
            if (cell.tag().current()) {
                current.add(StepMatrices.flat(cell.tag().index(), ref.out()));
            }
        }
        assertEquals(1, current.size(), "exactly one output cell is being computed");
        return current.get(0);
    }

    private static int volume(int[] size) {
        int v = 1;
        for (int s : size) {
            v *= s;
        }
        return v;
    }

    private static int[] unflat(int f, int[] size) {
        return StepMatrices.unflat(f, size);
    }
}
