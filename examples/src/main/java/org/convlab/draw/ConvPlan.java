package org.convlab.draw;

import java.util.ArrayList;
import java.util.List;
import org.convlab.nn.Layer;
import org.convlab.nn.conv.Conv1d;
import org.convlab.nn.conv.Conv2d;
import org.convlab.nn.conv.Conv3d;
import org.convlab.nn.conv.ConvTranspose1d;
import org.convlab.nn.conv.ConvTranspose2d;
import org.convlab.nn.conv.DepthwiseConv2d;
import org.convlab.nn.conv.DepthwiseSeparableConv2d;
import org.convlab.nn.conv.DilatedConv2d;
import org.convlab.nn.conv.GroupedConv2d;
import org.convlab.nn.conv.PointwiseConv2d;
import org.convlab.nn.conv.SpatiallySeparableConv2d;
import org.convlab.nn.conv.TrueConv1d;
import org.convlab.nn.conv.TrueConv2d;
import org.convlab.reference.TapGeometry;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A layer to draw: the framework layer built from the settings (it checks them, runs the worked
 * example and reports the output shape) and its steps, each a {@link TapGeometry} — the reference
 * convolution's own enumeration of taps — with its channels and groups.
 */
final class ConvPlan {

    /** One convolution step: its taps, channels in and out, groups, and what its kernel is called. */
    record Step(String name, TapGeometry taps, int inChannels, int outChannels, int groups) {
        int[] output() {
            return taps.output();
        }
    }

    final DrawSettings settings;
    final Layer layer;
    final List<Step> steps;

    ConvPlan(DrawSettings settings) {
        this.settings = settings;
        this.layer = layer(settings, DataType.DOUBLE);
        this.steps = steps(settings);
    }

    long[] inputShape() {
        long[] shape = new long[settings.rank() + 2];
        shape[0] = 1;
        shape[1] = settings.channels();
        for (int a = 0; a < settings.rank(); a++) {
            shape[a + 2] = settings.input()[a];
        }
        return shape;
    }

    /** The layer's own output shape (the drawing's output grid must match it). */
    long[] layerOutputShape() {
        return layer.outputShape(inputShape());
    }

    String layerName() {
        return layer.getClass().getSimpleName(); // the class that computes, e.g. Conv1d for a 1D grouped conv
    }

    private static List<Step> steps(DrawSettings s) {
        int[] in = s.input();
        int[] k = s.kernel();
        int[] st = s.stride();
        int[] p = s.padding();
        int[] d = s.dilation();
        int c = s.channels();
        int o = s.outChannels();
        List<Step> steps = new ArrayList<>();
        switch (s.type()) {
            case CONV, DILATED, GROUPED, CONV3D -> steps.add(new Step("kernel",
                    TapGeometry.correlation(in, k, st, p, p, d), c, o, s.groups()));
            case TRUE_CONV -> steps.add(new Step("kernel", TapGeometry.trueConvolution(in, k, st, p, p, d), c, o,
                    s.groups()));
            case TRANSPOSED -> steps.add(new Step("kernel",
                    TapGeometry.transposed(in, k, st, p, s.outputPadding(), d), c, o, s.groups()));
            case SPATIALLY_SEPARABLE -> {
                TapGeometry vertical = TapGeometry.correlation(in, new int[] {k[0], 1}, new int[] {st[0], 1},
                        new int[] {p[0], 0}, new int[] {p[0], 0}, new int[] {1, 1});
                steps.add(new Step("vertical", vertical, c, o, 1));
                steps.add(new Step("horizontal", TapGeometry.correlation(vertical.output(), new int[] {1, k[1]},
                        new int[] {1, st[1]}, new int[] {0, p[1]}, new int[] {0, p[1]}, new int[] {1, 1}), o, o, o));
            }
            case DEPTHWISE -> steps.add(new Step("depthwise", TapGeometry.correlation(in, k, st, p, p, d), c,
                    c * s.depthMultiplier(), c));
            case POINTWISE -> steps.add(new Step("pointwise", pointwise(in), c, o, 1));
            case DEPTHWISE_SEPARABLE -> {
                TapGeometry depthwise = TapGeometry.correlation(in, k, st, p, p, d);
                int mid = c * s.depthMultiplier();
                steps.add(new Step("depthwise", depthwise, c, mid, c));
                steps.add(new Step("pointwise", pointwise(depthwise.output()), mid, o, 1));
            }
            default -> throw new IllegalStateException(s.type().toString());
        }
        return steps;
    }

    private static TapGeometry pointwise(int[] in) {
        int[] one = new int[in.length];
        java.util.Arrays.fill(one, 1);
        return TapGeometry.correlation(in, one, one, new int[in.length], new int[in.length], one);
    }

    /** The framework layer for the settings, without bias (a worked example is easier to check by hand). */
    static Layer layer(DrawSettings s, DataType type) {
        int[] k = s.kernel();
        int c = s.channels();
        int o = s.outChannels();
        boolean two = s.rank() == 2;
        return switch (s.type()) {
            case CONV -> two
                    ? Conv2d.builder(c, o, k).stride(s.stride()).padding(s.padding()).dilation(s.dilation())
                            .groups(s.groups()).bias(false).dataType(type).build()
                    : Conv1d.builder(c, o, k).stride(s.stride()).padding(s.padding()).dilation(s.dilation())
                            .groups(s.groups()).bias(false).dataType(type).build();
            case DILATED -> two && k[0] == k[1] && s.dilation()[0] == s.dilation()[1]
                    ? DilatedConv2d.builder(c, o, k[0], s.dilation()[0]).stride(s.stride()).padding(s.padding())
                            .groups(s.groups()).bias(false).dataType(type).build()
                    : layer(withType(s, ConvType.CONV), type);
            case TRUE_CONV -> two
                    ? TrueConv2d.builder(c, o, k).stride(s.stride()).padding(s.padding()).dilation(s.dilation())
                            .groups(s.groups()).bias(false).dataType(type).build()
                    : TrueConv1d.builder(c, o, k).stride(s.stride()).padding(s.padding()).dilation(s.dilation())
                            .groups(s.groups()).bias(false).dataType(type).build();
            case TRANSPOSED -> two
                    ? ConvTranspose2d.builder(c, o, k).stride(s.stride()).padding(s.padding())
                            .outputPadding(s.outputPadding()).dilation(s.dilation()).groups(s.groups()).bias(false)
                            .dataType(type).build()
                    : ConvTranspose1d.builder(c, o, k).stride(s.stride()).padding(s.padding())
                            .outputPadding(s.outputPadding()).dilation(s.dilation()).groups(s.groups()).bias(false)
                            .dataType(type).build();
            case SPATIALLY_SEPARABLE -> {
                if (k[0] != k[1]) {
                    throw new IllegalArgumentException("--kernel: SpatiallySeparableConv2d takes one size k (k x 1"
                            + " then 1 x k), found " + k[0] + "x" + k[1]);
                }
                yield SpatiallySeparableConv2d.builder(c, o, k[0]).stride(s.stride()).padding(s.padding())
                        .bias(false).dataType(type).build();
            }
            case DEPTHWISE -> two
                    ? DepthwiseConv2d.builder(c, k).depthMultiplier(s.depthMultiplier()).stride(s.stride())
                            .padding(s.padding()).dilation(s.dilation()).bias(false).dataType(type).build()
                    : Conv1d.builder(c, c * s.depthMultiplier(), k).groups(c).stride(s.stride())
                            .padding(s.padding()).dilation(s.dilation()).bias(false).dataType(type).build();
            case POINTWISE -> two ? PointwiseConv2d.builder(c, o).bias(false).dataType(type).build()
                    : Conv1d.builder(c, o, 1).bias(false).dataType(type).build();
            case DEPTHWISE_SEPARABLE -> DepthwiseSeparableConv2d.builder(c, o, k)
                    .depthMultiplier(s.depthMultiplier()).stride(s.stride()).padding(s.padding())
                    .dilation(s.dilation()).bias(false).dataType(type).build();
            case GROUPED -> two && k[0] == k[1]
                    ? GroupedConv2d.builder(c, o, k[0], s.groups()).stride(s.stride()).padding(s.padding())
                            .dilation(s.dilation()).bias(false).dataType(type).build()
                    : two ? layer(withType(s, ConvType.CONV), type)
                    : Conv1d.builder(c, o, k).groups(s.groups()).stride(s.stride()).padding(s.padding())
                            .dilation(s.dilation()).bias(false).dataType(type).build();
            case CONV3D -> Conv3d.builder(c, o, k).stride(s.stride()).padding(s.padding()).dilation(s.dilation())
                    .groups(s.groups()).bias(false).dataType(type).build();
        };
    }

    private static DrawSettings withType(DrawSettings s, ConvType t) {
        return new DrawSettings(t, s.input(), s.kernel(), s.stride(), s.padding(), s.dilation(), s.outputPadding(),
                s.channels(), s.outChannels(), s.groups(), s.depthMultiplier());
    }
}
