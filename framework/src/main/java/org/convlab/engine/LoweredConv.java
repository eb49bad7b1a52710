package org.convlab.engine;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The lowering algorithm: im2col / vol2col, then GEMM, one product per group — the readable,
 * portable path of every convolution, the fallback where ND4J's ops cannot go, and the cross-check
 * of the other algorithms.
 *
 * <p>With {@code X} the lowered input of one group ({@code colRows x positions}) and {@code W_g}
 * that group's weights as a matrix ({@code outPerGroup x colRows}):
 * <ul>
 *   <li>forward: {@code Y_g = W_g X} (+ bias);</li>
 *   <li>weight gradient: {@code dW_g += dY_g X^T};</li>
 *   <li>input gradient: {@code dX = col2im(W_g^T dY_g)} — the adjoint of the forward map, which is
 *       also the forward pass of the transposed convolution.</li>
 * </ul>
 * Samples are lowered one at a time when an image has many output positions (the product then
 * writes straight into the output) and several at a time when it has few, so that each GEMM has
 * enough columns to run near the machine's peak.
 */
public final class LoweredConv implements ConvAlgorithm {
    /** Below this many output positions per sample, several samples share one product. */
    private static final int MIN_COLUMNS = 1024;
    /** The largest lowered matrix, in elements, that one chunk of samples may produce. */
    private static final long MAX_COL_ELEMENTS = 1L << 22;

    private final ConvGeometry g;
    private final ExecutorService groupPool;

    /** @param groupPool runs the groups of each chunk concurrently when not null; results are identical */
    LoweredConv(ConvGeometry g, ExecutorService groupPool) {
        this.g = g;
        this.groupPool = groupPool;
    }

    @Override
    public String name() {
        return g.rank() == 3 ? "vol2col+GEMM" : "im2col+GEMM";
    }

    /** {@code y = conv(x, w) + bias}; {@code x} is [N, C, spatial...], {@code w} is [O, C/groups, k...]. */
    @Override
    public INDArray forward(INDArray x, INDArray w, INDArray bias, INDArray out) {
        DataType type = x.dataType();
        int n = (int) x.size(0);
        int p = g.outVolume();
        int rows = g.colRows();
        int og = g.outChannels / g.groups;
        int cg = g.inChannels / g.groups;
        LoweringPlan plan = g.plan();
        Object xh = Workspace.get().host("x", type, n * g.inChannels * g.inVolume());
        Host.read(x, xh);
        INDArray w2 = Host.contiguous(w).reshape(g.outChannels, rows);
        INDArray y = out.reshape(n, g.outChannels, p);
        int nb = samplesPerChunk(g, n);
        // Several samples per product give [outPerGroup, samples x positions]: reordering that into
        // [N, C, positions] is done on the heap, where it is a run of array copies (a permuted
        // assign in ND4J costs hundreds of nanoseconds per element).
        Object yh = nb > 1 ? Workspace.get().host("y", type, n * g.outChannels * p) : null;
        for (int n0 = 0; n0 < n; n0 += nb) {
            int first = n0;
            int count = Math.min(nb, n - n0);
            forEachGroup(g.groups, grp -> {
                Workspace ws = Workspace.get();
                Object col = ws.host("col", type, rows * count * p);
                for (int j = 0; j < count; j++) {
                    plan.gather(xh, ((first + j) * g.inChannels + grp * cg) * g.inVolume(), cg, col, j * p, count * p);
                }
                INDArray colMatrix = ws.device("col", type, rows, count * p);
                Host.write(col, colMatrix);
                INDArray wg = w2.get(interval(grp * og, (grp + 1) * og), all());
                if (yh == null) {
                    Nd4j.gemm(wg, colMatrix, y.get(point(first), interval(grp * og, (grp + 1) * og), all()), false,
                            false, 1.0, 0.0);
                } else {
                    INDArray t = ws.device("y", type, og, count * p);
                    Nd4j.gemm(wg, colMatrix, t, false, false, 1.0, 0.0);
                    Object th = ws.host("yChunk", type, og * count * p);
                    Host.read(t, th);
                    SampleChunks.toSampleMajor(th, count, og, p, yh, first, g.outChannels, grp * og);
                }
            });
        }
        if (yh != null) {
            Host.write(yh, y);
        }
        if (bias != null) {
            ChannelBias.add(y, bias);
        }
        return out;
    }

    /**
     * {@code dW_g += dY_g X_g^T} (one GEMM per chunk and group on the lowered input), and when asked
     * {@code dX = col2im(W_g^T dY_g)}; without the input gradient neither that GEMM nor the col2im runs.
     */
    @Override
    public void backward(INDArray x, INDArray w, INDArray dy, INDArray weightGradAccum, INDArray dbAccum,
            INDArray dx) {
        if (dbAccum != null) {
            dbAccum.addi(ChannelBias.gradient(dy));
        }
        if (dx == null) {
            w = null;
        }
        DataType type = dy.dataType();
        int n = (int) dy.size(0);
        int p = g.outVolume();
        int rows = g.colRows();
        int og = g.outChannels / g.groups;
        int cg = g.inChannels / g.groups;
        int inLength = n * g.inChannels * g.inVolume();
        LoweringPlan plan = g.plan();
        INDArray dy3 = Host.contiguous(dy).reshape(n, g.outChannels, p);
        Object xh = null;
        INDArray dw2 = null;
        if (weightGradAccum != null) {
            xh = Workspace.get().host("x", type, inLength);
            Host.read(x, xh);
            dw2 = ConvGeometry.matrixView(weightGradAccum, g.outChannels, rows);
        }
        INDArray w2 = null;
        Object dxh = null;
        if (w != null) {
            w2 = Host.contiguous(w).reshape(g.outChannels, rows);
            dxh = Workspace.get().host("dx", type, inLength);
            Host.fillZero(dxh, inLength);
        }
        Object xHost = xh;
        Object dxHost = dxh;
        INDArray wMatrix = w2;
        INDArray dwMatrix = dw2;
        int nb = samplesPerChunk(g, n);
        Object dyHost = null;
        if (nb > 1) {
            dyHost = Workspace.get().host("dy", type, n * g.outChannels * p);
            Host.read(dy3, dyHost);
        }
        Object dyHostChunks = dyHost;
        for (int n0 = 0; n0 < n; n0 += nb) {
            int first = n0;
            int count = Math.min(nb, n - n0);
            forEachGroup(g.groups, grp -> {
                Workspace ws = Workspace.get();
                INDArray dyg;
                if (dyHostChunks == null) {
                    dyg = dy3.get(point(first), interval(grp * og, (grp + 1) * og), all());
                } else {
                    Object chunk = ws.host("dyChunk", type, og * count * p);
                    SampleChunks.toChannelMajor(dyHostChunks, first, g.outChannels, grp * og, chunk, count, og, p);
                    dyg = ws.device("dy", type, og, count * p);
                    Host.write(chunk, dyg);
                }
                Object col = ws.host("col", type, rows * count * p);
                INDArray colMatrix = ws.device("col", type, rows, count * p);
                if (dwMatrix != null) {
                    for (int j = 0; j < count; j++) {
                        plan.gather(xHost, ((first + j) * g.inChannels + grp * cg) * g.inVolume(), cg, col, j * p,
                                count * p);
                    }
                    Host.write(col, colMatrix);
                    Nd4j.gemm(dyg, colMatrix, dwMatrix.get(interval(grp * og, (grp + 1) * og), all()), false, true,
                            1.0, 1.0);
                }
                if (dxHost != null) {
                    Nd4j.gemm(wMatrix.get(interval(grp * og, (grp + 1) * og), all()), dyg, colMatrix, true, false, 1.0,
                            0.0);
                    Host.read(colMatrix, col);
                    for (int j = 0; j < count; j++) {
                        plan.scatterAdd(col, j * p, count * p, cg, dxHost,
                                ((first + j) * g.inChannels + grp * cg) * g.inVolume());
                    }
                }
            });
        }
        if (dxh != null) {
            Host.write(dxh, dx);
        }
    }

    /** One kind of matrix product the engine runs: {@code count} times {@code C[m x n] = op(A)[m x k] op(B)[k x n]}. */
    public record Product(int m, int n, int k, boolean transposeA, boolean transposeB, int count) {
        /** Floating-point operations of all {@code count} products: 2mnk each. */
        public double flops() {
            return 2.0 * m * n * k * count;
        }
    }

    /** The matrix products {@link #forward} performs for a batch of this geometry: one per chunk of samples and group. */
    public static List<Product> forwardProducts(ConvGeometry g, int batch) {
        int og = g.outChannels / g.groups;
        int rows = g.colRows();
        List<Product> out = new ArrayList<>();
        for (int[] chunk : chunks(g, batch)) {
            out.add(new Product(og, chunk[0] * g.outVolume(), rows, false, false, chunk[1] * g.groups));
        }
        return out;
    }

    /** The matrix products {@link #backward} performs for a batch of this geometry: the weight gradient's, then the input gradient's. */
    public static List<Product> backwardProducts(ConvGeometry g, int batch) {
        int og = g.outChannels / g.groups;
        int rows = g.colRows();
        List<Product> out = new ArrayList<>();
        for (int[] chunk : chunks(g, batch)) {
            int cols = chunk[0] * g.outVolume();
            out.add(new Product(og, rows, cols, false, true, chunk[1] * g.groups));
            out.add(new Product(rows, cols, og, true, false, chunk[1] * g.groups));
        }
        return out;
    }

    /** {samples per chunk, number of such chunks} for the full chunks and the remainder. */
    private static List<int[]> chunks(ConvGeometry g, int batch) {
        int nb = samplesPerChunk(g, batch);
        List<int[]> out = new ArrayList<>();
        out.add(new int[] {nb, batch / nb});
        if (batch % nb != 0) {
            out.add(new int[] {batch % nb, 1});
        }
        return out;
    }

    private static int samplesPerChunk(ConvGeometry g, int n) {
        int p = g.outVolume();
        if (p >= MIN_COLUMNS) {
            return 1;
        }
        int byColumns = (MIN_COLUMNS * 4 + p - 1) / p;
        int byMemory = (int) Math.max(1, MAX_COL_ELEMENTS / ((long) g.colRows() * p));
        return Math.max(1, Math.min(n, Math.min(byColumns, byMemory)));
    }

    private void forEachGroup(int groups, IntConsumer body) {
        Groups.forEach(groupPool, groups, body, "LoweredConv");
    }
}
