package org.convlab.experiments.grouped;

import java.util.ArrayList;
import java.util.List;
import org.convlab.nn.GradMode;
import org.convlab.nn.Sequential;
import org.convlab.nn.conv.Conv2d;
import org.convlab.nn.conv.GroupedConv2d;
import org.convlab.nn.conv.PointwiseConv2d;
import org.convlab.nn.layers.BatchNorm2d;
import org.convlab.nn.layers.GlobalAvgPool;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A small network-in-network in the shape Deep Roots studies: a 3x3 stem, a 1x1 layer (their
 * conv2c), a grouped 3x3 layer (their conv3a) at the same resolution, then a 1x1 layer that mixes
 * the groups again, global average pooling and a linear classifier. Every convolution is followed
 * by batch norm and ReLU; the responses compared are those outputs, what the next layer reads.
 */
final class RootNet {
    /** A pixel counts for the correlations when its input block's brightest value exceeds this. */
    static final float INK = 0.05f;

    final Sequential stem;
    final Sequential pointwise;
    final Sequential grouped;
    final Sequential model;

    RootNet(int width, int groups, long seed) {
        stem = new Sequential(Conv2d.builder(1, width, 3).padding(1).seed(seed).build(), new BatchNorm2d(width),
                new ReLU(), new MaxPool2d(2));
        pointwise = new Sequential(PointwiseConv2d.builder(width, width).seed(seed + 1).build(),
                new BatchNorm2d(width), new ReLU());
        grouped = new Sequential(GroupedConv2d.builder(width, width, 3, groups).padding(1).seed(seed + 2).build(),
                new BatchNorm2d(width), new ReLU());
        Sequential head = new Sequential(PointwiseConv2d.builder(width, width).seed(seed + 3).build(),
                new BatchNorm2d(width), new ReLU(), new GlobalAvgPool(), Linear.builder(width, 10).seed(seed + 4)
                .build());
        model = new Sequential(stem, pointwise, grouped, head);
    }

    /**
     * The two layers' responses at the same pixels, as [samples, channels] matrices: one row per
     * (image, pixel) whose 2x2 input block holds ink. On the empty background every channel sits at
     * a constant, which would correlate all channels with all others.
     *
     * @param x images [N, 1, H, W], H and W even
     */
    Responses responses(INDArray x) {
        model.setTraining(false);
        List<INDArray> as = new ArrayList<>();
        List<INDArray> bs = new ArrayList<>();
        try (GradMode.Scope ignored = GradMode.disabled()) {
            long n = x.size(0);
            for (long from = 0; from < n; from += 250) {
                INDArray batch = x.get(NDArrayIndex.interval(from, Math.min(n, from + 250)));
                INDArray a = pointwise.forward(stem.forward(batch));
                INDArray b = grouped.forward(a);
                int[] rows = inkRows(new MaxPool2d(2).forward(batch));
                as.add(pixelRows(a, rows));
                bs.add(pixelRows(b, rows));
            }
        } finally {
            model.setTraining(true);
        }
        return new Responses(Nd4j.concat(0, as.toArray(INDArray[]::new)), Nd4j.concat(0, bs.toArray(INDArray[]::new)));
    }

    /** The pixels {@code rows} (indices into N*H*W) of [N, C, H, W] as a [rows, C] DOUBLE matrix. */
    private static INDArray pixelRows(INDArray a, int[] rows) {
        int c = (int) a.size(1);
        // Gathered from one bulk copy: ND4J's row selection makes a view per row, thousands of times slower.
        float[] v = a.permute(0, 2, 3, 1).dup('c').castTo(DataType.FLOAT).data().asFloat();
        double[] out = new double[rows.length * c];
        for (int i = 0; i < rows.length; i++) {
            for (int ch = 0; ch < c; ch++) {
                out[i * c + ch] = v[rows[i] * c + ch];
            }
        }
        return Nd4j.create(out, new long[] {rows.length, c}, 'c');
    }

    private static int[] inkRows(INDArray ink) {
        float[] v = ink.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int count = 0;
        for (float f : v) {
            count += f > INK ? 1 : 0;
        }
        int[] rows = new int[count];
        int k = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] > INK) {
                rows[k++] = i;
            }
        }
        return rows;
    }

    /** The 1x1 layer's ({@code a}) and the grouped layer's ({@code b}) responses, same rows = same pixels. */
    record Responses(INDArray a, INDArray b) {
    }
}
