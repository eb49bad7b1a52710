package org.convlab.draw;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.convlab.nn.conv.Conv2d;
import org.convlab.nn.conv.DepthwiseConv2d;
import org.convlab.nn.conv.DepthwiseSeparableConv2d;
import org.convlab.nn.conv.SpatiallySeparableConv2d;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A worked example: small integers as the input and the weights, the layer itself run forward on
 * them (in double), and the result of every step, so each number of a drawing can be checked by
 * hand. The weights are those of the layer's parameters, in their own layouts.
 */
final class WorkedExample {
    /** The input [C, in...], c order. */
    final double[] input;
    /** Per step, its weight as the layer stores it (transposed: [in, out/g, k...]). */
    final List<double[]> weights = new ArrayList<>();
    /** Per step, its output [O, out...], c order; the last is the layer's forward output. */
    final List<double[]> outputs = new ArrayList<>();

    WorkedExample(ConvPlan plan, long seed) {
        Random random = new Random(seed);
        Layer layer = plan.layer;
        long[] inShape = plan.inputShape();
        INDArray x = integers(random, inShape, 0, 4);
        input = x.dup('c').data().asDouble();
        List<Parameter> params = layer.parameters();
        for (Parameter p : params) {
            p.value().assign(integers(random, p.value().shape(), -1, 2));
            weights.add(p.value().dup('c').data().asDouble());
        }
        INDArray y = layer.forward(x);
        if (plan.steps.size() == 2) {
            outputs.add(firstStep(plan, layer, x).dup('c').data().asDouble());
        }
        outputs.add(y.dup('c').data().asDouble());
    }

    /** The input of step {@code s} (the layer's input, or the previous step's output). */
    double[] stepInput(int s) {
        return s == 0 ? input : outputs.get(s - 1);
    }

    // The first step run alone, as a layer of its own kind with the layer's own first-step weights.
    private static INDArray firstStep(ConvPlan plan, Layer layer, INDArray x) {
        DrawSettings s = plan.settings;
        Layer step;
        INDArray w;
        if (layer instanceof SpatiallySeparableConv2d sep) {
            step = Conv2d.builder(s.channels(), s.outChannels(), s.kernel()[0], 1).stride(s.stride()[0], 1)
                    .padding(s.padding()[0], 0).bias(false).dataType(DataType.DOUBLE).build();
            w = sep.vertical().value();
        } else if (layer instanceof DepthwiseSeparableConv2d sep) {
            step = DepthwiseConv2d.builder(s.channels(), s.kernel()).depthMultiplier(s.depthMultiplier())
                    .stride(s.stride()).padding(s.padding()).dilation(s.dilation()).bias(false)
                    .dataType(DataType.DOUBLE).build();
            w = sep.depthwise().value();
        } else {
            throw new IllegalStateException("no first step for " + layer.getClass().getSimpleName());
        }
        step.parameters().get(0).value().assign(w);
        return step.forward(x);
    }

    private static INDArray integers(Random random, long[] shape, int lo, int hi) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + random.nextInt(hi - lo + 1);
        }
        return Nd4j.create(v, shape, 'c');
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.2g", v);
    }
}
