package org.convlab.nn.conv;

import java.util.Arrays;
import java.util.Locale;
import org.convlab.engine.EngineChoice;
import org.convlab.engine.RunsOnEngine;
import org.convlab.nn.Init;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The options every convolution builder shares, each checked once in {@link #spec()} with a
 * message that names the layer, the setting and the allowed values. Sizes take one value per
 * spatial axis or one value for all axes.
 *
 * @param <B> the concrete builder, so that chained calls keep their type
 * @param <L> the layer it builds
 */
public abstract class ConvBuilder<B extends ConvBuilder<B, L>, L> {
    protected final String kind;
    protected final int rank;
    protected final int inChannels;
    protected int outChannels;
    protected final int[] kernel;
    protected int[] stride = {1};
    protected int[] padding = {0};
    protected String paddingWord;
    protected int[] dilation = {1};
    protected int[] outputPadding = {0};
    protected int groups = 1;
    protected boolean bias = true;
    protected PaddingMode paddingMode = PaddingMode.ZEROS;
    protected DataType dataType = DataType.FLOAT;
    protected Long seed;
    protected EngineChoice engine;

    protected ConvBuilder(String kind, int rank, int inChannels, int outChannels, int... kernel) {
        this.kind = kind;
        this.rank = rank;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel.clone();
    }

    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    public B stride(int... stride) {
        this.stride = stride.clone();
        return self();
    }

    /** Zero padding on both sides of each axis. */
    public B padding(int... padding) {
        this.padding = padding.clone();
        this.paddingWord = null;
        return self();
    }

    /** {@code "same"} (stride 1 only; output size = input size) or {@code "valid"} (no padding). */
    public B padding(String word) {
        String w = word == null ? "null" : word.toLowerCase(Locale.ROOT);
        if (!w.equals("same") && !w.equals("valid")) {
            throw new IllegalArgumentException(kind + ": padding must be a non-negative int per axis, \"same\" or \"valid\", got \""
                    + word + "\"");
        }
        this.paddingWord = w;
        return self();
    }

    public B dilation(int... dilation) {
        this.dilation = dilation.clone();
        return self();
    }

    public B groups(int groups) {
        this.groups = groups;
        return self();
    }

    public B bias(boolean bias) {
        this.bias = bias;
        return self();
    }

    public B paddingMode(PaddingMode mode) {
        this.paddingMode = mode;
        return self();
    }

    /** FLOAT (default) or DOUBLE: the type of the parameters and of the inputs the layer accepts. */
    public B dataType(DataType type) {
        this.dataType = type;
        return self();
    }

    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /**
     * The engine this layer runs on: {@code AUTO} (the fastest correct algorithm), {@code NATIVE}
     * (ND4J's ops where they apply) or {@code LOWERED} (im2col + GEMM). Default: the global setting,
     * {@link EngineChoice#getDefault()}.
     */
    public B engine(EngineChoice engine) {
        this.engine = engine;
        return self();
    }

    public abstract L build();

    /** Applies the {@link #engine} setting, if any, to a layer just built. */
    protected final <T extends RunsOnEngine> T withEngine(T layer) {
        if (engine != null) {
            layer.setEngine(engine);
        }
        return layer;
    }

    /** Validates every option and expands one-value settings to every axis. */
    protected ConvSpec spec() {
        positive("in channels", inChannels);
        positive("out channels", outChannels);
        int[] k = perAxis("kernel size", kernel, 1);
        int[] s = perAxis("stride", stride, 1);
        int[] d = perAxis("dilation", dilation, 1);
        int[] p = perAxis("padding", padding, 0);
        int[] op = perAxis("output padding", outputPadding, 0);
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(kind + ": groups must be >= 1 and divide both in channels (" + inChannels
                    + ") and out channels (" + outChannels + "), got groups=" + groups);
        }
        if ("same".equals(paddingWord) && Arrays.stream(s).anyMatch(v -> v != 1)) {
            throw new IllegalArgumentException(kind + ": padding \"same\" needs stride 1 on every axis, got stride "
                    + Arrays.toString(s));
        }
        if (paddingMode == null) {
            throw new IllegalArgumentException(kind + ": paddingMode must be one of " + Arrays.toString(PaddingMode.values())
                    + ", got null");
        }
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException(kind + ": dataType must be FLOAT or DOUBLE, got " + dataType);
        }
        long sd = seed != null ? seed : Init.nextSeed();
        return new ConvSpec(kind, rank, inChannels, outChannels, k, s, p, paddingWord, d, op, groups, bias, paddingMode,
                dataType, sd);
    }

    protected final void positive(String setting, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(kind + ": " + setting + " must be >= 1, got " + value);
        }
    }

    /** One value for all axes, or exactly {@code rank} values, each at least {@code min}. */
    protected final int[] perAxis(String setting, int[] values, int min) {
        if (values == null || (values.length != 1 && values.length != rank)) {
            throw new IllegalArgumentException(kind + ": " + setting + " takes 1 or " + rank + " values, got "
                    + (values == null ? "null" : Arrays.toString(values)));
        }
        int[] out = new int[rank];
        for (int a = 0; a < rank; a++) {
            out[a] = values.length == 1 ? values[0] : values[a];
            if (out[a] < min) {
                throw new IllegalArgumentException(kind + ": " + setting + " must be >= " + min + " on every axis, got "
                        + Arrays.toString(values));
            }
        }
        return out;
    }
}
