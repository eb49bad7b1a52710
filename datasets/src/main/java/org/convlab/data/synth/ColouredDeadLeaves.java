package org.convlab.data.synth;

import java.util.List;
import java.util.SplittableRandom;
import org.convlab.data.DataSet;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Seeded "dead leaves" colour images [N, 3, S, S] in [0, 1] with natural colour statistics: colour is
 * low-frequency and form is high-frequency. Overlapping discs fall one on another; each disc has ONE
 * colour (constant over the disc, so colour only changes at disc edges) and a fine oriented grating
 * in its luminance (form: fine detail in brightness only, the same in the three channels). The last, largest disc is the
 * object; the label needs both its colour and its form: label = 2 * colour + form, colour 0 "warm"
 * (red to orange) or 1 "cool" (cyan to blue), form 0 "horizontal" or 1 "vertical" grating (within
 * 25 degrees). The other leaves have random hues and gratings of any orientation and carry no class
 * information; the background is grey with a smooth luminance texture. Classes are balanced.
 *
 * <pre>{@code
 * DataSet leaves = ColouredDeadLeaves.builder().size(32).count(512).seed(3).build().generate();
 * }</pre>
 */
public final class ColouredDeadLeaves {
    public static final List<String> CLASS_NAMES = List.of("warm horizontal", "warm vertical", "cool horizontal",
            "cool vertical");
    public static final int NUM_CLASSES = 4;

    private final int size;
    private final int count;
    private final int leaves;
    private final double noise;
    private final long seed;
    private final DataType dataType;

    private ColouredDeadLeaves(Builder b) {
        this.size = b.size;
        this.count = b.count;
        this.leaves = b.leaves;
        this.noise = b.noise;
        this.seed = b.seed;
        this.dataType = b.dataType;
    }

    /** Defaults: 32x32, 256 images, 6 distractor leaves, noise 0.03, seed 0, FLOAT. */
    public static Builder builder() {
        return new Builder();
    }

    /** Images [N, 3, S, S] with labels 0..3. */
    public DataSet generate() {
        SplittableRandom master = new SplittableRandom(seed);
        int[] labels = BalancedLabels.draw(count, NUM_CLASSES, master);
        int plane = size * size;
        double[] v = new double[count * 3 * plane];
        double[] r = new double[plane];
        double[] g = new double[plane];
        double[] b = new double[plane];
        double[] texture = new double[plane];
        for (int i = 0; i < count; i++) {
            SplittableRandom rng = master.split();
            double level = 0.35 + 0.2 * rng.nextDouble();
            GaussianSmoothing.smoothField(texture, 0, new int[] {size, size}, size / 6.0, rng);
            for (int k = 0; k < plane; k++) {
                double grey = level + 0.08 * texture[k];
                r[k] = grey;
                g[k] = grey;
                b[k] = grey;
            }
            for (int leaf = 0; leaf < leaves; leaf++) {
                double hue = 360 * rng.nextDouble();
                double angle = Math.PI * rng.nextDouble();
                disc(r, g, b, rng, size * (0.1 + 0.15 * rng.nextDouble()), hue, angle, false);
            }
            int colour = labels[i] / 2;
            int form = labels[i] % 2;
            double hue = colour == 0 ? -20 + 55 * rng.nextDouble() : 185 + 65 * rng.nextDouble();
            double tilt = Math.toRadians(50 * rng.nextDouble() - 25);
            // The grating's wave vector: across the stripes. Horizontal stripes vary along y.
            double angle = form == 0 ? Math.PI / 2 + tilt : tilt;
            disc(r, g, b, rng, size * (0.28 + 0.1 * rng.nextDouble()), (hue + 360) % 360, angle, true);
            for (int k = 0; k < plane; k++) {
                v[(i * 3) * plane + k] = clamp01(r[k] + noise * rng.nextGaussian());
                v[(i * 3 + 1) * plane + k] = clamp01(g[k] + noise * rng.nextGaussian());
                v[(i * 3 + 2) * plane + k] = clamp01(b[k] + noise * rng.nextGaussian());
            }
        }
        return DataSet.ofLabels(Arrays2Nd.create(v, dataType, count, 3, size, size), labels, NUM_CLASSES);
    }

    /**
     * Paints a disc of one colour over the image: {@code base * chroma}, constant over the disc, plus a
     * grating of period 2.5-4 pixels along {@code angle} added equally to the three channels. So the
     * colour-opponent signals (a channel minus the pixel's mean) are constant inside a disc and all fine
     * detail is in the luminance.
     */
    private void disc(double[] r, double[] g, double[] b, SplittableRandom rng, double radius, double hue,
            double angle, boolean centred) {
        double cy = centred ? size * (0.4 + 0.2 * rng.nextDouble()) : size * rng.nextDouble();
        double cx = centred ? size * (0.4 + 0.2 * rng.nextDouble()) : size * rng.nextDouble();
        double[] chroma = ColouredShapes.hsvToRgb(hue, 0.6 + 0.4 * rng.nextDouble(), 1);
        double base = 0.45 + 0.25 * rng.nextDouble();
        double period = 2.5 + 1.5 * rng.nextDouble();
        double phase = 2 * Math.PI * rng.nextDouble();
        double ca = Math.cos(angle);
        double sa = Math.sin(angle);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double inside = clamp01(radius - Math.hypot(y - cy, x - cx) + 0.5);
                if (inside == 0) {
                    continue;
                }
                double detail = 0.18 * Math.sin(2 * Math.PI * (x * ca + y * sa) / period + phase);
                int k = y * size + x;
                r[k] = (1 - inside) * r[k] + inside * (base * chroma[0] + detail);
                g[k] = (1 - inside) * g[k] + inside * (base * chroma[1] + detail);
                b[k] = (1 - inside) * b[k] + inside * (base * chroma[2] + detail);
            }
        }
    }

    private static double clamp01(double x) {
        return Math.min(1, Math.max(0, x));
    }

    /** Settings of {@link ColouredDeadLeaves}, checked at {@link #build()}. */
    public static final class Builder {
        private int size = 32;
        private int count = 256;
        private int leaves = 6;
        private double noise = 0.03;
        private long seed;
        private DataType dataType = DataType.FLOAT;

        private Builder() {
        }

        /** Side of the square images in pixels (at least 16). */
        public Builder size(int size) {
            this.size = size;
            return this;
        }

        public Builder count(int count) {
            this.count = count;
            return this;
        }

        /** Distractor leaves under the object (0 or more). */
        public Builder leaves(int leaves) {
            this.leaves = leaves;
            return this;
        }

        /** Standard deviation of the additive Gaussian noise per channel. */
        public Builder noise(double noise) {
            this.noise = noise;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** FLOAT (default) or DOUBLE. */
        public Builder dataType(DataType type) {
            this.dataType = type;
            return this;
        }

        public ColouredDeadLeaves build() {
            if (size < 16) {
                throw new IllegalArgumentException("size: expected >= 16, found " + size);
            }
            Arrays2Nd.checkPositive("count", count);
            if (leaves < 0) {
                throw new IllegalArgumentException("leaves: expected >= 0, found " + leaves);
            }
            if (!(noise >= 0)) {
                throw new IllegalArgumentException("noise: expected >= 0, found " + noise);
            }
            Arrays2Nd.checkType(dataType);
            return new ColouredDeadLeaves(this);
        }
    }
}
