package org.convlab.draw;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code convlab draw}: the picture of a convolution, drawn from the taps the reference
 * convolution enumerates and sized by the layer's own {@code outputShape}. For a base path
 * {@code out/name} it writes {@code name.png|svg} (the still), with an animation
 * {@code name.gif} and {@code name-frames/frame-NNN.svg}, with the matrix
 * {@code name-matrix.png|svg} (and {@code name-matrix-T.png|svg} for the transposed
 * convolution), with a stack of dilated layers {@code name-receptive-field.png|svg}.
 */
public final class ConvDrawings {
    /** Milliseconds per animation frame. */
    static final int FRAME_MS = 700;
    /** Beyond this an animation is too long to watch and too large to share. */
    static final int MAX_FRAMES = 400;

    private ConvDrawings() {
    }

    /** Draws the layer of {@code settings}; returns every file written, in order. */
    public static List<Path> draw(DrawSettings settings, DrawOptions options, Path base) throws IOException {
        ConvPlan plan = new ConvPlan(settings);
        checkAgainstLayer(plan);
        WorkedExample values = options.values() ? new WorkedExample(plan, options.seed()) : null;
        List<Path> files = new ArrayList<>();
        Frames frames = frames(plan, values);
        files.addAll(SceneFiles.still(frames.still(options.at()), base));
        if (options.animate()) {
            int count = plan.steps.stream().mapToInt(st -> Grids.volume(st.output())).sum();
            if (count > MAX_FRAMES) {
                throw new IllegalArgumentException("--animate: " + count + " output positions would make " + count
                        + " frames; at most " + MAX_FRAMES + " are drawn (use a smaller --input or a larger --stride)");
            }
            files.addAll(SceneFiles.animation(frames.all(), base, FRAME_MS));
        }
        if (options.matrix()) {
            for (MatrixDiagram m : MatrixDiagram.of(plan, values)) {
                files.addAll(SceneFiles.still(m.scene(), sibling(base, m.suffix())));
            }
        }
        if (options.stack() != null) {
            ReceptiveFieldDiagram rf = new ReceptiveFieldDiagram(settings.kernel()[0], options.stack());
            files.addAll(SceneFiles.still(rf.scene(), sibling(base, "-receptive-field")));
        }
        return files;
    }

    /** A picture that can be drawn still (kernel at one position) or frame by frame. */
    interface Frames {
        Scene still(int[] at);

        List<Scene> all();
    }

    static Frames frames(ConvPlan plan, WorkedExample values) {
        if (plan.settings.type() == ConvType.CONV3D) {
            VolumeDiagram v = new VolumeDiagram(plan);
            return new Frames() {
                public Scene still(int[] at) {
                    return v.still(at);
                }

                public List<Scene> all() {
                    return v.frames();
                }
            };
        }
        boolean channels = plan.settings.type().aboutChannels() || plan.steps.stream()
                .anyMatch(s -> s.inChannels() > 1 || s.outChannels() > 1);
        if (channels) {
            ChannelDiagram c = new ChannelDiagram(plan, values);
            return new Frames() {
                public Scene still(int[] at) {
                    return c.still(at);
                }

                public List<Scene> all() {
                    return c.frames();
                }
            };
        }
        GridDiagram g = new GridDiagram(plan, values);
        return new Frames() {
            public Scene still(int[] at) {
                return g.still(at);
            }

            public List<Scene> all() {
                return g.frames();
            }
        };
    }

    // The picture's output grid is the reference enumeration's; it must be the layer's too.
    static void checkAgainstLayer(ConvPlan plan) {
        long[] layer = plan.layerOutputShape();
        int[] drawn = plan.steps.get(plan.steps.size() - 1).output();
        for (int a = 0; a < drawn.length; a++) {
            if (layer[a + 2] != drawn[a]) {
                throw new IllegalStateException("the drawing's output " + Grids.dims(drawn) + " differs from "
                        + plan.layerName() + ".outputShape " + java.util.Arrays.toString(layer));
            }
        }
    }

    static Path sibling(Path base, String suffix) {
        return base.resolveSibling(base.getFileName() + suffix);
    }
}
