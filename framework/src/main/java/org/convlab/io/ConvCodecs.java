package org.convlab.io;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.convlab.nn.Layer;
import org.convlab.nn.conv.Conv1d;
import org.convlab.nn.conv.Conv2d;
import org.convlab.nn.conv.Conv3d;
import org.convlab.nn.conv.ConvBuilder;
import org.convlab.nn.conv.ConvSpec;
import org.convlab.nn.conv.ConvTranspose1d;
import org.convlab.nn.conv.ConvTranspose2d;
import org.convlab.nn.conv.ConvTranspose3d;
import org.convlab.nn.conv.ConvTransposeBuilder;
import org.convlab.nn.conv.DepthwiseConv2d;
import org.convlab.nn.conv.DepthwiseSeparableConv2d;
import org.convlab.nn.conv.DilatedConv2d;
import org.convlab.nn.conv.GroupedConv2d;
import org.convlab.nn.conv.PaddingMode;
import org.convlab.nn.conv.PointwiseConv2d;
import org.convlab.nn.conv.SpatiallySeparableConv2d;
import org.convlab.nn.conv.TrueConv1d;
import org.convlab.nn.conv.TrueConv2d;
import org.convlab.nn.conv.TrueConv3d;

/**
 * Config entries of the convolution layers. Each layer has the settings of its builder: the
 * required sizes ({@code in}, {@code out}, {@code kernel}, ...) and the optional ones it accepts
 * ({@code stride}, {@code padding}, {@code dilation}, {@code groups}, {@code paddingMode}, ...) plus
 * {@code bias}, {@code dataType} and {@code seed}.
 */
final class ConvCodecs {
    /** The optional builder settings beyond bias, data type and seed. */
    private enum Option { STRIDE, PADDING, PADDING_WORD, DILATION, GROUPS, PADDING_MODE, OUTPUT_PADDING }

    private static final Set<Option> CONV = EnumSet.of(Option.STRIDE, Option.PADDING, Option.PADDING_WORD,
            Option.DILATION, Option.GROUPS, Option.PADDING_MODE);
    private static final Set<Option> TRANSPOSED = EnumSet.of(Option.STRIDE, Option.PADDING, Option.DILATION,
            Option.GROUPS, Option.OUTPUT_PADDING);
    private static final Set<Option> DILATED = EnumSet.of(Option.STRIDE, Option.PADDING, Option.PADDING_WORD,
            Option.GROUPS, Option.PADDING_MODE);
    private static final Set<Option> DEPTHWISE = EnumSet.of(Option.STRIDE, Option.PADDING, Option.PADDING_WORD,
            Option.DILATION, Option.PADDING_MODE);
    private static final Set<Option> SPATIALLY_SEPARABLE = EnumSet.of(Option.STRIDE, Option.PADDING);
    private static final Set<Option> DEPTHWISE_SEPARABLE = EnumSet.of(Option.STRIDE, Option.PADDING,
            Option.PADDING_WORD, Option.DILATION);
    private static final Set<Option> GROUPED = EnumSet.of(Option.STRIDE, Option.PADDING, Option.PADDING_WORD,
            Option.DILATION, Option.PADDING_MODE);

    private ConvCodecs() {
    }

    static List<LayerCodec> all() {
        return List.of(
                standard("Conv1d", Conv1d.class, s -> Conv1d.builder(in(s), out(s), kernel(s))),
                standard("Conv2d", Conv2d.class, s -> Conv2d.builder(in(s), out(s), kernel(s))),
                standard("Conv3d", Conv3d.class, s -> Conv3d.builder(in(s), out(s), kernel(s))),
                standard("TrueConv1d", TrueConv1d.class, s -> TrueConv1d.builder(in(s), out(s), kernel(s))),
                standard("TrueConv2d", TrueConv2d.class, s -> TrueConv2d.builder(in(s), out(s), kernel(s))),
                standard("TrueConv3d", TrueConv3d.class, s -> TrueConv3d.builder(in(s), out(s), kernel(s))),
                transposed("ConvTranspose1d", ConvTranspose1d.class,
                        s -> ConvTranspose1d.builder(in(s), out(s), kernel(s))),
                transposed("ConvTranspose2d", ConvTranspose2d.class,
                        s -> ConvTranspose2d.builder(in(s), out(s), kernel(s))),
                transposed("ConvTranspose3d", ConvTranspose3d.class,
                        s -> ConvTranspose3d.builder(in(s), out(s), kernel(s))),
                LayerCodec.of("DilatedConv2d", DilatedConv2d.class, (l, d) -> {
                    ConvSpec s = l.spec();
                    d.put("in", s.inChannels()).put("out", s.outChannels()).put("kernel", s.kernel()[0]);
                    d.put("rate", l.rate());
                    describeOptions(s, d, DILATED);
                }, s -> build(s, DilatedConv2d.builder(in(s), out(s), s.requiredInt("kernel"), s.requiredInt("rate")),
                        DILATED)),
                LayerCodec.of("DepthwiseConv2d", DepthwiseConv2d.class, (l, d) -> {
                    ConvSpec s = l.spec();
                    d.put("channels", s.inChannels()).putInts("kernel", s.kernel());
                    d.putUnlessDefault("depthMultiplier", l.depthMultiplier(), 1);
                    describeOptions(s, d, DEPTHWISE);
                }, s -> build(s, DepthwiseConv2d.builder(s.requiredInt("channels"), kernel(s))
                        .depthMultiplier(s.optionalInt("depthMultiplier", 1)), DEPTHWISE)),
                LayerCodec.of("PointwiseConv2d", PointwiseConv2d.class, (l, d) -> {
                    d.put("in", l.spec().inChannels()).put("out", l.spec().outChannels());
                    describeOptions(l.spec(), d, EnumSet.noneOf(Option.class));
                }, s -> build(s, PointwiseConv2d.builder(in(s), out(s)), EnumSet.noneOf(Option.class))),
                LayerCodec.of("SpatiallySeparableConv2d", SpatiallySeparableConv2d.class, (l, d) -> {
                    ConvSpec s = l.spec();
                    d.put("in", s.inChannels()).put("out", s.outChannels()).put("kernel", s.kernel()[0]);
                    describeOptions(s, d, SPATIALLY_SEPARABLE);
                }, s -> build(s, SpatiallySeparableConv2d.builder(in(s), out(s), s.requiredInt("kernel")),
                        SPATIALLY_SEPARABLE)),
                LayerCodec.of("DepthwiseSeparableConv2d", DepthwiseSeparableConv2d.class, (l, d) -> {
                    ConvSpec s = l.spec();
                    d.put("in", s.inChannels()).put("out", s.outChannels()).putInts("kernel", s.kernel());
                    d.putUnlessDefault("depthMultiplier", l.depthMultiplier(), 1);
                    describeOptions(s, d, DEPTHWISE_SEPARABLE);
                }, s -> build(s, DepthwiseSeparableConv2d.builder(in(s), out(s), kernel(s))
                        .depthMultiplier(s.optionalInt("depthMultiplier", 1)), DEPTHWISE_SEPARABLE)),
                LayerCodec.of("GroupedConv2d", GroupedConv2d.class, (l, d) -> {
                    ConvSpec s = l.spec();
                    d.put("in", s.inChannels()).put("out", s.outChannels()).put("kernel", s.kernel()[0]);
                    d.put("groups", s.groups()).putUnlessDefault("parallel", l.isParallel(), false);
                    describeOptions(s, d, GROUPED);
                }, s -> build(s, GroupedConv2d.builder(in(s), out(s), s.requiredInt("kernel"), s.requiredInt("groups"))
                        .parallel(s.optionalBoolean("parallel", false)), GROUPED)));
    }

    private interface BuilderFactory<B> {
        B create(LayerSettings s);
    }

    private static <L extends Layer, B extends ConvBuilder<B, L>> LayerCodec standard(String type, Class<L> cls,
            BuilderFactory<B> factory) {
        return LayerCodec.of(type, cls, (l, d) -> describeStandard(spec(l), d, CONV),
                s -> build(s, factory.create(s), CONV));
    }

    private static <L extends Layer, B extends ConvTransposeBuilder<B, L>> LayerCodec transposed(String type,
            Class<L> cls, BuilderFactory<B> factory) {
        return LayerCodec.of(type, cls, (l, d) -> describeStandard(spec(l), d, TRANSPOSED), s -> {
            B b = factory.create(s);
            int[] outputPadding = s.optionalInts("outputPadding");
            if (outputPadding != null) {
                b.outputPadding(outputPadding);
            }
            return build(s, b, TRANSPOSED);
        });
    }

    private static ConvSpec spec(Layer layer) {
        if (layer instanceof org.convlab.nn.conv.ConvLayer c) {
            return c.spec();
        }
        return ((org.convlab.nn.conv.ConvTransposeLayer) layer).spec();
    }

    private static int in(LayerSettings s) {
        return s.requiredInt("in");
    }

    private static int out(LayerSettings s) {
        return s.requiredInt("out");
    }

    private static int[] kernel(LayerSettings s) {
        return s.requiredInts("kernel");
    }

    private static void describeStandard(ConvSpec s, LayerDescription d, Set<Option> options) {
        d.put("in", s.inChannels()).put("out", s.outChannels()).putInts("kernel", s.kernel());
        describeOptions(s, d, options);
    }

    private static void describeOptions(ConvSpec s, LayerDescription d, Set<Option> options) {
        if (options.contains(Option.STRIDE)) {
            d.putIntsUnless("stride", s.stride(), 1);
        }
        if (options.contains(Option.PADDING)) {
            if (s.paddingWord() != null) {
                d.node().put("padding", s.paddingWord());
            } else {
                d.putIntsUnless("padding", s.padding(), 0);
            }
        }
        if (options.contains(Option.OUTPUT_PADDING)) {
            d.putIntsUnless("outputPadding", s.outputPadding(), 0);
        }
        if (options.contains(Option.DILATION)) {
            d.putIntsUnless("dilation", s.dilation(), 1);
        }
        if (options.contains(Option.GROUPS)) {
            d.putUnlessDefault("groups", s.groups(), 1);
        }
        if (options.contains(Option.PADDING_MODE)) {
            d.putUnlessDefault("paddingMode", s.paddingMode(), PaddingMode.ZEROS);
        }
        d.putUnlessDefault("bias", s.bias(), true).dataType(s.dataType()).seed(s.seed());
    }

    /** Applies the settings present in the entry (absent ones keep the builder's defaults) and builds. */
    private static <L extends Layer, B extends ConvBuilder<B, L>> L build(LayerSettings s, B b, Set<Option> options) {
        if (options.contains(Option.STRIDE) && s.has("stride")) {
            b.stride(s.optionalInts("stride"));
        }
        if (options.contains(Option.PADDING) && s.has("padding")) {
            if (s.get("padding").isTextual()) {
                if (!options.contains(Option.PADDING_WORD)) {
                    throw s.error("padding", "must be integers for this layer, got " + s.get("padding"));
                }
                b.padding(s.get("padding").textValue());
            } else {
                b.padding(s.optionalInts("padding"));
            }
        }
        if (options.contains(Option.DILATION) && s.has("dilation")) {
            b.dilation(s.optionalInts("dilation"));
        }
        if (options.contains(Option.GROUPS) && s.has("groups")) {
            b.groups(s.requiredInt("groups"));
        }
        if (options.contains(Option.PADDING_MODE) && s.has("paddingMode")) {
            b.paddingMode(s.optionalEnum("paddingMode", PaddingMode.class, PaddingMode.ZEROS));
        }
        b.bias(s.optionalBoolean("bias", true)).dataType(s.dataType());
        Long seed = s.seed();
        if (seed != null) {
            b.seed(seed);
        }
        s.requireAllRead();
        return b.build();
    }
}
