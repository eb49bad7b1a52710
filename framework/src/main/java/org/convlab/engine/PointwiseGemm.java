package org.convlab.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pointwise algorithm: a 1x1 convolution with stride 1, no padding and no groups needs no
 * lowering, because each sample's input viewed as a [C, positions] matrix is already the GEMM
 * operand: {@code Y_n = W X_n}, {@code dW += dY_n X_n^T}, {@code dX_n = W^T dY_n}. Each sample's
 * slice is contiguous in [N, C, positions], so the products read and write the arrays in place:
 * no copy at all. (One product over the whole batch would need the input in [C, N x positions]
 * order: a transposing copy in and one out, which cost more than the GEMM calls they save.)
 */
final class PointwiseGemm implements ConvAlgorithm {
    private final ConvGeometry g;

    PointwiseGemm(ConvGeometry g) {
        if (!applies(g)) {
            throw new IllegalArgumentException("not a pointwise geometry: " + g);
        }
        this.g = g;
    }

    static boolean applies(ConvGeometry g) {
        return g.identityLowering() && g.groups == 1;
    }

    @Override
    public String name() {
        return "pointwise GEMM";
    }

    @Override
    public INDArray forward(INDArray x, INDArray w, INDArray bias, INDArray out) {
        int n = (int) x.size(0);
        int p = g.outVolume();
        INDArray x3 = Host.contiguous(x).reshape('c', n, g.inChannels, p);
        INDArray w2 = Host.contiguous(w).reshape('c', g.outChannels, g.inChannels);
        INDArray y = out.reshape('c', n, g.outChannels, p);
        for (int s = 0; s < n; s++) {
            Nd4j.gemm(w2, x3.slice(s), y.slice(s), false, false, 1.0, 0.0);
        }
        if (bias != null) {
            ChannelBias.add(y, bias);
        }
        return out;
    }

    @Override
    public void backward(INDArray x, INDArray w, INDArray dy, INDArray dwAccum, INDArray dbAccum, INDArray dx) {
        int n = (int) dy.size(0);
        int p = g.outVolume();
        INDArray dy3 = Host.contiguous(dy).reshape('c', n, g.outChannels, p);
        if (dwAccum != null) {
            INDArray x3 = Host.contiguous(x).reshape('c', n, g.inChannels, p);
            INDArray dw2 = ConvGeometry.matrixView(dwAccum, g.outChannels, g.inChannels);
            for (int s = 0; s < n; s++) {
                Nd4j.gemm(dy3.slice(s), x3.slice(s), dw2, false, true, 1.0, 1.0);
            }
        }
        if (dbAccum != null) {
            dbAccum.addi(ChannelBias.gradient(dy));
        }
        if (dx == null) {
            return;
        }
        INDArray w2 = Host.contiguous(w).reshape('c', g.outChannels, g.inChannels);
        INDArray dx3 = dx.reshape('c', n, g.inChannels, p);
        for (int s = 0; s < n; s++) {
            Nd4j.gemm(w2, dy3.slice(s), dx3.slice(s), true, false, 1.0, 0.0);
        }
    }
}
