package org.convlab.data.synth;

import java.util.List;
import java.util.SplittableRandom;
import org.convlab.data.DataSet;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Seeded colour images [N, 3, S, S] in [0, 1] whose class depends on both colour and form, for
 * grouped-convolution experiments in which one filter group can specialise in colour and another in
 * form. Label = 2 * colour + form:
 * <ul>
 *   <li>colour 0 "warm" (hues red to orange), colour 1 "cool" (hues cyan to blue);</li>
 *   <li>form 0 "stripes" (a patch of parallel stripes), form 1 "blobs" (three to six round spots).</li>
 * </ul>
 * Nuisances that carry no class information: stripe period, angle and phase; patch and blob positions
 * and sizes; saturation and brightness of the colour; a grey background of random level with a smooth
 * luminance texture; additive Gaussian noise. Classes are balanced.
 *
 * <pre>{@code
 * DataSet shapes = ColouredShapes.builder().size(32).count(512).seed(3).build().generate();
 * String name = ColouredShapes.CLASS_NAMES.get(shapes.labels()[0]);   // e.g. "cool blobs"
 * }</pre>
 */
public final class ColouredShapes {
    public static final List<String> CLASS_NAMES = List.of("warm stripes", "warm blobs", "cool stripes", "cool blobs");
    public static final int NUM_CLASSES = 4;

    private final int size;
    private final int count;
    private final double noise;
    private final long seed;
    private final DataType dataType;

    private ColouredShapes(Builder b) {
        this.size = b.size;
        this.count = b.count;
        this.noise = b.noise;
        this.seed = b.seed;
        this.dataType = b.dataType;
    }

    /** Defaults: 32x32, 256 images, noise 0.05, seed 0, FLOAT. */
    public static Builder builder() {
        return new Builder();
    }

    /** The colour of class {@code label}: 0 warm, 1 cool. */
    public static int colourOf(int label) {
        return label / 2;
    }

    /** The form of class {@code label}: 0 stripes, 1 blobs. */
    public static int formOf(int label) {
        return label % 2;
    }

    /** Images [N, 3, S, S] with labels 0..3. */
    public DataSet generate() {
        SplittableRandom master = new SplittableRandom(seed);
        int[] labels = BalancedLabels.draw(count, NUM_CLASSES, master);
        int plane = size * size;
        double[] v = new double[count * 3 * plane];
        double[] alpha = new double[plane];
        double[] background = new double[plane];
        for (int i = 0; i < count; i++) {
            SplittableRandom rng = master.split();
            double[] rgb = colour(colourOf(labels[i]), rng);
            if (formOf(labels[i]) == 0) {
                stripes(alpha, rng);
            } else {
                blobs(alpha, rng);
            }
            double level = 0.15 + 0.3 * rng.nextDouble();
            GaussianSmoothing.smoothField(background, 0, new int[] {size, size}, size / 8.0, rng);
            for (int c = 0; c < 3; c++) {
                int base = (i * 3 + c) * plane;
                for (int k = 0; k < plane; k++) {
                    double bg = level + 0.06 * background[k];
                    double x = (1 - alpha[k]) * bg + alpha[k] * rgb[c] + noise * rng.nextGaussian();
                    v[base + k] = Math.min(1, Math.max(0, x));
                }
            }
        }
        return DataSet.ofLabels(Arrays2Nd.create(v, dataType, count, 3, size, size), labels, NUM_CLASSES);
    }

    /** A random warm or cool colour as RGB in [0, 1]. */
    private static double[] colour(int family, SplittableRandom rng) {
        double hue = family == 0 ? -20 + 55 * rng.nextDouble() : 185 + 65 * rng.nextDouble();
        double saturation = 0.55 + 0.45 * rng.nextDouble();
        double value = 0.65 + 0.35 * rng.nextDouble();
        return hsvToRgb((hue + 360) % 360, saturation, value);
    }

    static double[] hsvToRgb(double hueDegrees, double s, double v) {
        double c = v * s;
        double h = hueDegrees / 60;
        double x = c * (1 - Math.abs(h % 2 - 1));
        double[] rgb = switch ((int) h) {
            case 0 -> new double[] {c, x, 0};
            case 1 -> new double[] {x, c, 0};
            case 2 -> new double[] {0, c, x};
            case 3 -> new double[] {0, x, c};
            case 4 -> new double[] {x, 0, c};
            default -> new double[] {c, 0, x};
        };
        double m = v - c;
        for (int i = 0; i < 3; i++) {
            rgb[i] += m;
        }
        return rgb;
    }

    /** Soft parallel stripes inside a soft disc patch. */
    private void stripes(double[] alpha, SplittableRandom rng) {
        double period = size / 32.0 * (4 + 4 * rng.nextDouble());
        double angle = Math.PI * rng.nextDouble();
        double phase = 2 * Math.PI * rng.nextDouble();
        double radius = size * (0.3 + 0.15 * rng.nextDouble());
        double cy = size * (0.35 + 0.3 * rng.nextDouble());
        double cx = size * (0.35 + 0.3 * rng.nextDouble());
        double ca = Math.cos(angle);
        double sa = Math.sin(angle);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double wave = Math.sin(2 * Math.PI * (x * ca + y * sa) / period + phase);
                double stripe = clamp01(0.5 + 2 * wave);
                double inside = clamp01(radius - Math.hypot(y - cy, x - cx) + 0.5);
                alpha[y * size + x] = stripe * inside;
            }
        }
    }

    /** Three to six soft round spots. */
    private void blobs(double[] alpha, SplittableRandom rng) {
        java.util.Arrays.fill(alpha, 0);
        int spots = 3 + rng.nextInt(4);
        for (int b = 0; b < spots; b++) {
            double r = size * (0.06 + 0.08 * rng.nextDouble());
            double cy = r + (size - 2 * r) * rng.nextDouble();
            double cx = r + (size - 2 * r) * rng.nextDouble();
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double a = clamp01(r - Math.hypot(y - cy, x - cx) + 0.5);
                    int k = y * size + x;
                    alpha[k] = Math.max(alpha[k], a);
                }
            }
        }
    }

    private static double clamp01(double x) {
        return Math.min(1, Math.max(0, x));
    }

    /** Settings of {@link ColouredShapes}, checked at {@link #build()}. */
    public static final class Builder {
        private int size = 32;
        private int count = 256;
        private double noise = 0.05;
        private long seed;
        private DataType dataType = DataType.FLOAT;

        private Builder() {
        }

        /** Side of the square images in pixels (at least 8). */
        public Builder size(int size) {
            this.size = size;
            return this;
        }

        public Builder count(int count) {
            this.count = count;
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

        public ColouredShapes build() {
            if (size < 8) {
                throw new IllegalArgumentException("size: expected >= 8, found " + size);
            }
            Arrays2Nd.checkPositive("count", count);
            Arrays2Nd.checkType(dataType);
            if (!(noise >= 0)) {
                throw new IllegalArgumentException("noise: expected >= 0, found " + noise);
            }
            return new ColouredShapes(this);
        }
    }
}
