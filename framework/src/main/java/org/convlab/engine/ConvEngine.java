package org.convlab.engine;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one convolution engine: every convolution type and rank lowers its input (im2col /
 * vol2col) and hands the arithmetic to GEMM, one product per group.
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
public final class ConvEngine {
    /** Runs the groups one after another in the calling thread. */
    public static final ConvEngine SEQUENTIAL = new ConvEngine(null);

    /** Below this many output positions per sample, several samples share one product. */
    private static final int MIN_COLUMNS = 1024;
    /** The largest lowered matrix, in elements, that one chunk of samples may produce. */
    private static final long MAX_COL_ELEMENTS = 1L << 22;

    private final ExecutorService groupPool;

    private ConvEngine(ExecutorService groupPool) {
        this.groupPool = groupPool;
    }

    /** An engine that runs the groups of each chunk concurrently on {@code pool}; results are identical. */
    public static ConvEngine onPool(ExecutorService pool) {
        return new ConvEngine(pool);
    }

    /** {@code y = conv(x, w) + bias}; {@code x} is [N, C, spatial...], {@code w} is [O, C/groups, k...]. */
    public INDArray forward(ConvGeometry g, INDArray x, INDArray w, INDArray bias) {
        if (g.identityLowering()) {
            return forwardPointwise(g, x, w, bias);
        }
        if (DepthwiseKernel.applies(g)) {
            return forwardDepthwise(g, x, w, bias);
        }
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
        INDArray y = Nd4j.createUninitialized(type, new long[] {n, g.outChannels, p}, 'c');
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
            addBias(y, bias);
        }
        return y.reshape(g.outputShape(n));
    }

    /**
     * The backward pass. Adds {@code dY X^T} into {@code weightGradAccum} when it is not null and
     * returns the input gradient when {@code w} is not null (otherwise null).
     *
     * @param x the forward input; needed only for the weight gradient
     * @param dy the gradient of the output, [N, O, spatial...]
     * @param w the weights; needed only for the input gradient
     * @param weightGradAccum a contiguous [O, C/groups, k...] array to add into, or null
     */
    public INDArray backward(ConvGeometry g, INDArray x, INDArray dy, INDArray w, INDArray weightGradAccum) {
        if (g.identityLowering()) {
            return backwardPointwise(g, x, dy, w, weightGradAccum);
        }
        if (DepthwiseKernel.applies(g)) {
            return backwardDepthwise(g, x, dy, w, weightGradAccum);
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
            dw2 = matrixView(weightGradAccum, g.outChannels, rows);
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
        return dxh == null ? null : Host.toArray(dxh, type, g.inputShape(n));
    }

    /**
     * A 1x1 convolution with stride 1 and no padding needs no lowering: each sample's group of
     * channels, viewed as a [channels, positions] matrix, is already the GEMM operand.
     */
    private INDArray forwardPointwise(ConvGeometry g, INDArray x, INDArray w, INDArray bias) {
        int n = (int) x.size(0);
        int p = g.outVolume();
        int og = g.outChannels / g.groups;
        int cg = g.inChannels / g.groups;
        INDArray x3 = Host.contiguous(x).reshape(n, g.inChannels, p);
        INDArray w2 = Host.contiguous(w).reshape(g.outChannels, cg);
        INDArray y = Nd4j.createUninitialized(x.dataType(), new long[] {n, g.outChannels, p}, 'c');
        for (int s = 0; s < n; s++) {
            int sample = s;
            forEachGroup(g.groups, grp -> Nd4j.gemm(w2.get(interval(grp * og, (grp + 1) * og), all()),
                    x3.get(point(sample), interval(grp * cg, (grp + 1) * cg), all()),
                    y.get(point(sample), interval(grp * og, (grp + 1) * og), all()), false, false, 1.0, 0.0));
        }
        if (bias != null) {
            addBias(y, bias);
        }
        return y.reshape(g.outputShape(n));
    }

    private INDArray backwardPointwise(ConvGeometry g, INDArray x, INDArray dy, INDArray w, INDArray weightGradAccum) {
        int n = (int) dy.size(0);
        int p = g.outVolume();
        int og = g.outChannels / g.groups;
        int cg = g.inChannels / g.groups;
        INDArray dy3 = Host.contiguous(dy).reshape(n, g.outChannels, p);
        INDArray x3 = x == null ? null : Host.contiguous(x).reshape(n, g.inChannels, p);
        INDArray dw2 = weightGradAccum == null ? null : matrixView(weightGradAccum, g.outChannels, cg);
        INDArray w2 = w == null ? null : Host.contiguous(w).reshape(g.outChannels, cg);
        INDArray dx = w == null ? null : Nd4j.createUninitialized(dy.dataType(), new long[] {n, g.inChannels, p}, 'c');
        for (int s = 0; s < n; s++) {
            int sample = s;
            forEachGroup(g.groups, grp -> {
                INDArray dyg = dy3.get(point(sample), interval(grp * og, (grp + 1) * og), all());
                if (dw2 != null) {
                    Nd4j.gemm(dyg, x3.get(point(sample), interval(grp * cg, (grp + 1) * cg), all()),
                            dw2.get(interval(grp * og, (grp + 1) * og), all()), false, true, 1.0, 1.0);
                }
                if (dx != null) {
                    Nd4j.gemm(w2.get(interval(grp * og, (grp + 1) * og), all()), dyg,
                            dx.get(point(sample), interval(grp * cg, (grp + 1) * cg), all()), true, false, 1.0, 0.0);
                }
            });
        }
        return dx == null ? null : dx.reshape(g.inputShape(n));
    }

    /** One kind of matrix product the engine runs: {@code count} times {@code C[m x n] = op(A)[m x k] op(B)[k x n]}. */
    public record Product(int m, int n, int k, boolean transposeA, boolean transposeB, int count) {
        /** Floating-point operations of all {@code count} products: 2mnk each. */
        public double flops() {
            return 2.0 * m * n * k * count;
        }
    }

    /** The matrix products {@link #forward} performs for a batch: one per chunk of samples and group. */
    public static List<Product> forwardProducts(ConvGeometry g, int batch) {
        if (DepthwiseKernel.applies(g) && !g.identityLowering()) {
            return lowered(g, batch, false);
        }
        int og = g.outChannels / g.groups;
        int rows = g.identityLowering() ? g.inChannels / g.groups : g.colRows();
        List<Product> out = new ArrayList<>();
        for (int[] chunk : chunks(g, batch)) {
            out.add(new Product(og, chunk[0] * g.outVolume(), rows, false, false, chunk[1] * g.groups));
        }
        return out;
    }

    /** The matrix products {@link #backward} performs for a batch: the weight gradient's, then the input gradient's. */
    public static List<Product> backwardProducts(ConvGeometry g, int batch) {
        if (DepthwiseKernel.applies(g) && !g.identityLowering()) {
            return lowered(g, batch, true);
        }
        int og = g.outChannels / g.groups;
        int rows = g.identityLowering() ? g.inChannels / g.groups : g.colRows();
        List<Product> out = new ArrayList<>();
        for (int[] chunk : chunks(g, batch)) {
            int cols = chunk[0] * g.outVolume();
            out.add(new Product(og, rows, cols, false, true, chunk[1] * g.groups));
            out.add(new Product(rows, cols, og, true, false, chunk[1] * g.groups));
        }
        return out;
    }

    /**
     * The products a lowered (im2col) depthwise convolution would run: the direct kernel runs none,
     * so this is what it is compared with.
     */
    private static List<Product> lowered(ConvGeometry g, int batch, boolean backward) {
        int og = g.outChannels / g.groups;
        int rows = g.colRows();
        int cols = g.outVolume();
        int count = batch * g.groups;
        return backward ? List.of(new Product(og, rows, cols, false, true, count),
                new Product(rows, cols, og, true, false, count)) : List.of(new Product(og, cols, rows, false, false, count));
    }

    /** {samples per chunk, number of such chunks} for the full chunks and the remainder. */
    private static List<int[]> chunks(ConvGeometry g, int batch) {
        int nb = g.identityLowering() ? 1 : samplesPerChunk(g, batch);
        List<int[]> out = new ArrayList<>();
        out.add(new int[] {nb, batch / nb});
        if (batch % nb != 0) {
            out.add(new int[] {batch % nb, 1});
        }
        return out;
    }

    private static INDArray forwardDepthwise(ConvGeometry g, INDArray x, INDArray w, INDArray bias) {
        DataType type = x.dataType();
        int n = (int) x.size(0);
        int outLength = n * g.outChannels * g.outVolume();
        Workspace ws = Workspace.get();
        Object xh = ws.host("x", type, n * g.inChannels * g.inVolume());
        Host.read(x, xh);
        Object wh = ws.host("w", type, (int) w.length());
        Host.read(w, wh);
        Object yh = ws.host("y", type, outLength);
        Host.fillZero(yh, outLength);
        DepthwiseKernel.forward(g, n, xh, wh, yh);
        INDArray y = Host.toArray(yh, type, n, g.outChannels, g.outVolume());
        if (bias != null) {
            addBias(y, bias);
        }
        return y.reshape(g.outputShape(n));
    }

    private static INDArray backwardDepthwise(ConvGeometry g, INDArray x, INDArray dy, INDArray w,
            INDArray weightGradAccum) {
        DataType type = dy.dataType();
        int n = (int) dy.size(0);
        int inLength = n * g.inChannels * g.inVolume();
        Workspace ws = Workspace.get();
        Object dyh = ws.host("dy", type, n * g.outChannels * g.outVolume());
        Host.read(dy, dyh);
        Object xh = null;
        Object dwh = null;
        if (weightGradAccum != null) {
            xh = ws.host("x", type, inLength);
            Host.read(x, xh);
            dwh = ws.host("dw", type, (int) weightGradAccum.length());
            Host.fillZero(dwh, (int) weightGradAccum.length());
        }
        Object wh = null;
        Object dxh = null;
        if (w != null) {
            wh = ws.host("w", type, (int) w.length());
            Host.read(w, wh);
            dxh = ws.host("dx", type, inLength);
            Host.fillZero(dxh, inLength);
        }
        DepthwiseKernel.backward(g, n, xh, wh, dyh, dxh, dwh);
        if (weightGradAccum != null) {
            weightGradAccum.addi(Host.toArray(dwh, type, weightGradAccum.shape()));
        }
        return dxh == null ? null : Host.toArray(dxh, type, g.inputShape(n));
    }

    /**
     * {@code y[n, o, p] += bias[o]} in place, by shape broadcasting: ND4J's BroadcastAddOp along an
     * axis took 15 ms for a [32, 64, 1024] output, the broadcasting add under 1 ms.
     */
    public static void addBias(INDArray y, INDArray bias) {
        long[] shape = new long[y.rank()];
        java.util.Arrays.fill(shape, 1);
        shape[1] = bias.length();
        y.addi(bias.reshape(shape));
    }

    /** The bias gradient: the output gradient summed over the batch and every position. */
    public static INDArray biasGradient(INDArray dy) {
        int[] axes = new int[dy.rank() - 1];
        axes[0] = 0;
        for (int a = 2; a < dy.rank(); a++) {
            axes[a - 1] = a;
        }
        return dy.sum(axes);
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

    /** A [rows, cols] view sharing {@code a}'s memory, so that GEMM can accumulate into it. */
    private static INDArray matrixView(INDArray a, int rows, int cols) {
        if (a.isView() || a.ordering() != 'c') {
            throw new IllegalArgumentException("ConvEngine: the gradient accumulator must be a contiguous c-order array");
        }
        return a.reshape('c', rows, cols);
    }

    private void forEachGroup(int groups, IntConsumer body) {
        if (groupPool == null || groups == 1) {
            for (int grp = 0; grp < groups; grp++) {
                body.accept(grp);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(groups);
        for (int grp = 0; grp < groups; grp++) {
            int group = grp;
            futures.add(groupPool.submit(() -> body.accept(group)));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ConvEngine: interrupted while running groups", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
