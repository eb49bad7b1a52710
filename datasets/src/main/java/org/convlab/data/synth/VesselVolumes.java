package org.convlab.data.synth;

import java.util.SplittableRandom;
import org.convlab.data.DataSet;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Seeded 3D "vessel" volumes for segmentation: tubes of smoothly varying radius winding along random
 * smooth paths through a textured, noisy volume, with their voxel masks.
 *
 * <p>{@link #generate()} returns a {@link DataSet} whose features are the volumes [N,1,D,H,W] and
 * whose targets are the masks [N,1,D,H,W] (exactly 0 or 1).
 *
 * <p>Each tube is the union of balls stamped every half voxel along its path. The path stays at
 * least {@code maxRadius + 1} voxels from every face (it bounces off), so no tube touches the
 * border. With {@code minRadius >= 1} each tube is 26-connected; with {@code minRadius >= 1.4}
 * (the default is 1.5) it is 6-connected, because each ball then contains the voxel nearest to the
 * next ball's centre.
 *
 * <pre>{@code
 * DataSet vessels = VesselVolumes.builder().size(32).count(64).noise(0.3).tortuosity(0.6).seed(1)
 *     .build().generate();
 * INDArray volumes = vessels.features(), masks = vessels.targets(); // both [64, 1, 32, 32, 32]
 * }</pre>
 */
public final class VesselVolumes {
    /** Distance between stamped balls along a path, in voxels. */
    private static final double STEP = 0.5;
    /** Correlation length of the background texture, in voxels. */
    private static final double TEXTURE_SIGMA = 2.5;

    private final int depth;
    private final int height;
    private final int width;
    private final int count;
    private final int minTubes;
    private final int maxTubes;
    private final double minRadius;
    private final double maxRadius;
    private final double noise;
    private final double texture;
    private final double tortuosity;
    private final double pathLength;
    private final long seed;
    private final DataType dataType;

    private VesselVolumes(Builder b) {
        this.depth = b.depth;
        this.height = b.height;
        this.width = b.width;
        this.count = b.count;
        this.minTubes = b.minTubes;
        this.maxTubes = b.maxTubes;
        this.minRadius = b.minRadius;
        this.maxRadius = b.maxRadius;
        this.noise = b.noise;
        this.texture = b.texture;
        this.tortuosity = b.tortuosity;
        this.pathLength = b.pathLength > 0 ? b.pathLength : 1.5 * Math.max(depth, Math.max(height, width));
        this.seed = b.seed;
        this.dataType = b.dataType;
    }

    /** Defaults: 32^3, 16 volumes, 1-3 tubes, radius 1.5-3, noise 0.3, texture 0.3, tortuosity 0.5, seed 0, FLOAT. */
    public static Builder builder() {
        return new Builder();
    }

    /** Volumes [N,1,D,H,W] as features and masks [N,1,D,H,W] (0/1) as targets. */
    public DataSet generate() {
        int voxels = depth * height * width;
        double[] volumes = new double[count * voxels];
        double[] masks = new double[count * voxels];
        double[] tex = new double[voxels];
        SplittableRandom master = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            // One stream per volume: volume i does not depend on how many numbers volume i-1 used.
            SplittableRandom rng = master.split();
            one(rng, volumes, masks, i * voxels, tex);
        }
        long[] shape = {count, 1, depth, height, width};
        return DataSet.ofTargets(Arrays2Nd.create(volumes, dataType, shape), Arrays2Nd.create(masks, dataType, shape));
    }

    /** Fills volume and mask number {@code offset / voxels}. */
    private void one(SplittableRandom rng, double[] volumes, double[] masks, int offset, double[] tex) {
        int voxels = tex.length;
        // Vessel intensity per voxel (0 outside every tube); where tubes cross the brighter one wins.
        int tubes = minTubes + rng.nextInt(maxTubes - minTubes + 1);
        for (int t = 0; t < tubes; t++) {
            double contrast = 0.7 + 0.3 * rng.nextDouble();
            tube(rng, volumes, offset, contrast);
        }
        GaussianSmoothing.smoothField(tex, 0, new int[] {depth, height, width}, TEXTURE_SIGMA, rng);
        for (int v = 0; v < voxels; v++) {
            double vessel = volumes[offset + v];
            masks[offset + v] = vessel > 0 ? 1 : 0;
            volumes[offset + v] = vessel + texture * tex[v] + noise * rng.nextGaussian();
        }
    }

    /** Walks one random smooth path and stamps balls of the current radius along it. */
    private void tube(SplittableRandom rng, double[] out, int offset, double contrast) {
        double margin = maxRadius + 1;
        double[] lo = {margin, margin, margin};
        double[] hi = {depth - 1 - margin, height - 1 - margin, width - 1 - margin};
        double[] p = new double[3];
        for (int a = 0; a < 3; a++) {
            p[a] = lo[a] + (hi[a] - lo[a]) * rng.nextDouble();
        }
        double[] dir = unitGaussian(rng);
        double[] turn = new double[3];
        double radius = minRadius + (maxRadius - minRadius) * rng.nextDouble();
        int steps = (int) Math.ceil(pathLength / STEP);
        for (int s = 0; s <= steps; s++) {
            stamp(out, offset, p, radius, contrast);
            // The turn rate is itself a smoothed random process, so the path bends gradually.
            for (int a = 0; a < 3; a++) {
                turn[a] = 0.85 * turn[a] + tortuosity * 0.25 * rng.nextGaussian();
                dir[a] += turn[a] * STEP;
            }
            normalise(dir);
            radius += 0.08 * (maxRadius - minRadius) * rng.nextGaussian();
            radius = Math.min(maxRadius, Math.max(minRadius, radius));
            for (int a = 0; a < 3; a++) {
                double next = p[a] + STEP * dir[a];
                if (next < lo[a] || next > hi[a]) {
                    dir[a] = -dir[a]; // bounce off the margin so the tube never leaves the volume
                    turn[a] = -turn[a];
                    next = p[a] + STEP * dir[a];
                }
                p[a] = Math.min(hi[a], Math.max(lo[a], next));
            }
        }
    }

    private void stamp(double[] out, int offset, double[] c, double r, double value) {
        double r2 = r * r;
        int z0 = (int) Math.ceil(c[0] - r);
        int z1 = (int) Math.floor(c[0] + r);
        int y0 = (int) Math.ceil(c[1] - r);
        int y1 = (int) Math.floor(c[1] + r);
        int x0 = (int) Math.ceil(c[2] - r);
        int x1 = (int) Math.floor(c[2] + r);
        for (int z = z0; z <= z1; z++) {
            double dz = z - c[0];
            for (int y = y0; y <= y1; y++) {
                double dy = y - c[1];
                double dzy = dz * dz + dy * dy;
                if (dzy > r2) {
                    continue;
                }
                int row = offset + (z * height + y) * width;
                for (int x = x0; x <= x1; x++) {
                    double dx = x - c[2];
                    if (dzy + dx * dx <= r2 && out[row + x] < value) {
                        out[row + x] = value;
                    }
                }
            }
        }
    }

    private static double[] unitGaussian(SplittableRandom rng) {
        double[] d = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
        normalise(d);
        return d;
    }

    private static void normalise(double[] d) {
        double n = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        if (n < 1e-12) {
            d[0] = 1;
            d[1] = 0;
            d[2] = 0;
            return;
        }
        for (int a = 0; a < 3; a++) {
            d[a] /= n;
        }
    }

    /** Settings of {@link VesselVolumes}; every setting is checked at {@link #build()}. */
    public static final class Builder {
        private int depth = 32;
        private int height = 32;
        private int width = 32;
        private int count = 16;
        private int minTubes = 1;
        private int maxTubes = 3;
        private double minRadius = 1.5;
        private double maxRadius = 3.0;
        private double noise = 0.3;
        private double texture = 0.3;
        private double tortuosity = 0.5;
        private double pathLength;
        private long seed;
        private DataType dataType = DataType.FLOAT;

        private Builder() {
        }

        /** A cube of side {@code side}. */
        public Builder size(int side) {
            return size(side, side, side);
        }

        public Builder size(int depth, int height, int width) {
            this.depth = depth;
            this.height = height;
            this.width = width;
            return this;
        }

        /** Number of volumes. */
        public Builder count(int count) {
            this.count = count;
            return this;
        }

        /** Number of tubes per volume, drawn uniformly in [min, max]. */
        public Builder tubes(int min, int max) {
            this.minTubes = min;
            this.maxTubes = max;
            return this;
        }

        /** Tube radius range in voxels; the radius drifts smoothly inside it along each tube. */
        public Builder radius(double min, double max) {
            this.minRadius = min;
            this.maxRadius = max;
            return this;
        }

        /** Standard deviation of the additive Gaussian noise (vessels have contrast 0.7-1). */
        public Builder noise(double sigma) {
            this.noise = sigma;
            return this;
        }

        /** Amplitude (standard deviation) of the smooth background texture. */
        public Builder texture(double amplitude) {
            this.texture = amplitude;
            return this;
        }

        /** How much the paths wind: 0 straight (bouncing off the walls), 1 strongly winding. */
        public Builder tortuosity(double tortuosity) {
            this.tortuosity = tortuosity;
            return this;
        }

        /** Length of each tube's path in voxels (default 1.5 times the largest side). */
        public Builder pathLength(double voxels) {
            this.pathLength = voxels;
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

        public VesselVolumes build() {
            Arrays2Nd.checkPositive("count", count);
            Arrays2Nd.checkType(dataType);
            if (!(minRadius >= 1 && maxRadius >= minRadius)) {
                throw new IllegalArgumentException("radius: expected 1 <= min <= max, found [" + minRadius + ", "
                    + maxRadius + "]");
            }
            int least = 2 * ((int) Math.ceil(maxRadius) + 1) + 2;
            if (Math.min(depth, Math.min(height, width)) < least) {
                throw new IllegalArgumentException("size: expected every side >= " + least + " for max radius "
                    + maxRadius + ", found " + depth + "x" + height + "x" + width);
            }
            if (minTubes < 1 || maxTubes < minTubes) {
                throw new IllegalArgumentException("tubes: expected 1 <= min <= max, found [" + minTubes + ", "
                    + maxTubes + "]");
            }
            if (!(noise >= 0) || !(texture >= 0)) {
                throw new IllegalArgumentException("noise and texture: expected >= 0, found " + noise + " and "
                    + texture);
            }
            if (!(tortuosity >= 0 && tortuosity <= 1)) {
                throw new IllegalArgumentException("tortuosity: expected a value in [0, 1], found " + tortuosity);
            }
            if (pathLength < 0 || Double.isNaN(pathLength)) {
                throw new IllegalArgumentException("pathLength: expected > 0 (or unset), found " + pathLength);
            }
            return new VesselVolumes(this);
        }
    }
}
