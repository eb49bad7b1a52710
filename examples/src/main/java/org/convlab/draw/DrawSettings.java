package org.convlab.draw;

import java.util.Arrays;

/**
 * The settings of the layer to draw, as its builder takes them: spatial sizes per axis (one value
 * broadcast to every axis), channels and groups. Checked at {@link Builder#build()}; the layer
 * itself checks the rest when it is built ({@link ConvPlan}).
 */
public record DrawSettings(ConvType type, int[] input, int[] kernel, int[] stride, int[] padding, int[] dilation,
        int[] outputPadding, int channels, int outChannels, int groups, int depthMultiplier) {

    /** The settings as a command line would give them, e.g. "conv --input 5x5 --kernel 3x3 ...". */
    @Override
    public String toString() {
        return type.cliName() + " --input " + x(input) + " --kernel " + x(kernel) + " --stride " + x(stride)
                + " --padding " + x(padding) + " --dilation " + x(dilation) + " --output-padding " + x(outputPadding) + " --channels " + channels
                + " --out-channels " + outChannels + " --groups " + groups + " --depth-multiplier " + depthMultiplier;
    }

    private static String x(int[] v) {
        return Grids.dims(v).replace('×', 'x');
    }

    public int rank() {
        return input.length;
    }

    public static Builder builder(ConvType type, int... input) {
        return new Builder(type, input);
    }

    /** Optional settings as chained calls; defaults as PyTorch's (stride 1, padding 0, ...), kernel 3. */
    public static final class Builder {
        private final ConvType type;
        private final int[] input;
        private int[] kernel = {3};
        private int[] stride = {1};
        private int[] padding = {0};
        private int[] dilation;
        private int[] outputPadding = {0};
        private Integer channels;
        private Integer outChannels;
        private Integer groups;
        private int depthMultiplier = 1;

        private Builder(ConvType type, int[] input) {
            this.type = type;
            this.input = input.clone();
        }

        public Builder kernel(int... k) {
            this.kernel = k.clone();
            return this;
        }

        public Builder stride(int... s) {
            this.stride = s.clone();
            return this;
        }

        public Builder padding(int... p) {
            this.padding = p.clone();
            return this;
        }

        public Builder dilation(int... d) {
            this.dilation = d.clone();
            return this;
        }

        public Builder outputPadding(int... op) {
            this.outputPadding = op.clone();
            return this;
        }

        public Builder channels(int c) {
            this.channels = c;
            return this;
        }

        public Builder outChannels(int c) {
            this.outChannels = c;
            return this;
        }

        public Builder groups(int g) {
            this.groups = g;
            return this;
        }

        public Builder depthMultiplier(int m) {
            this.depthMultiplier = m;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting, what was expected and what was found */
        public DrawSettings build() {
            int rank = input.length;
            if (rank < type.minRank() || rank > type.maxRank()) {
                String allowed = type.minRank() == type.maxRank() ? "rank " + type.minRank()
                        : "rank " + type.minRank() + " to " + type.maxRank();
                throw new IllegalArgumentException("--input: " + type.cliName() + " is drawn for " + allowed
                        + " (e.g. " + (type.maxRank() == 3 ? "5x5x5" : type.maxRank() == 2 ? "5x5" : "7")
                        + "), found " + rank + " axes " + Arrays.toString(input));
            }
            for (int v : input) {
                if (v < 1 || v > 64) {
                    throw new IllegalArgumentException("--input: sizes from 1 to 64 per axis can be drawn, found "
                            + Arrays.toString(input));
                }
            }
            int[] k = type == ConvType.POINTWISE ? perAxis("kernel", new int[] {1}, rank) : perAxis("kernel", kernel,
                    rank);
            int c = channels != null ? channels : defaultChannels();
            int o = outChannels != null ? outChannels : defaultOutChannels(c);
            int g = groups != null ? groups : type == ConvType.GROUPED ? 2 : type == ConvType.DEPTHWISE ? c : 1;
            if (c < 1 || o < 1 || g < 1 || depthMultiplier < 1) {
                throw new IllegalArgumentException("--channels, --out-channels, --groups and --depth-multiplier"
                        + " must be at least 1, found " + c + ", " + o + ", " + g + ", " + depthMultiplier);
            }
            return new DrawSettings(type, input.clone(), k, perAxis("stride", stride, rank),
                    perAxis("padding", padding, rank), perAxis("dilation",
                    dilation != null ? dilation : new int[] {type == ConvType.DILATED ? 2 : 1}, rank),
                    perAxis("output-padding", outputPadding, rank), c, o, g, depthMultiplier);
        }

        private int defaultChannels() {
            return switch (type) {
                case DEPTHWISE, POINTWISE, DEPTHWISE_SEPARABLE -> 3;
                case GROUPED -> 4;
                default -> 1;
            };
        }

        private int defaultOutChannels(int c) {
            return switch (type) {
                case DEPTHWISE -> c * depthMultiplier;
                case POINTWISE, DEPTHWISE_SEPARABLE -> 4;
                case GROUPED -> 4;
                default -> 1;
            };
        }

        private static int[] perAxis(String name, int[] values, int rank) {
            if (values.length == 1) {
                int[] all = new int[rank];
                Arrays.fill(all, values[0]);
                return all;
            }
            if (values.length != rank) {
                throw new IllegalArgumentException("--" + name + ": one value or " + rank
                        + " (one per axis of --input), found " + values.length + " " + Arrays.toString(values));
            }
            return values.clone();
        }
    }
}
