package org.convlab.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The depthwise algorithm: a convolution whose groups hold one input channel each, computed by
 * {@link DepthwiseKernel} on the heap — lowering it would hand GEMM thousands of one-row products,
 * and ND4J's depthwise_conv2d takes over a second on a [32, 128, 32, 32] batch. The input, the
 * weights and the output gradient cross to the heap once, the results once back.
 */
final class DepthwiseDirect implements ConvAlgorithm {
    private final ConvGeometry g;

    DepthwiseDirect(ConvGeometry g) {
        if (!DepthwiseKernel.applies(g)) {
            throw new IllegalArgumentException("not a depthwise geometry: " + g);
        }
        this.g = g;
    }

    @Override
    public String name() {
        return "depthwise direct";
    }

    @Override
    public INDArray forward(INDArray x, INDArray w, INDArray bias, INDArray y) {
        DataType type = x.dataType();
        int n = (int) x.size(0);
        int outLength = n * g.outChannels * g.outVolume();
        Workspace ws = Workspace.get();
        Object xh = ws.host("x", type, n * g.inChannels * g.inVolume());
        Host.read(x, xh);
        Object wh = ws.host("w", type, (int) w.length());
        Host.read(w, wh);
        Object yh = ws.host("y", type, outLength);
        DepthwiseKernel.forward(g, n, xh, wh, yh);
        Host.write(yh, y);
        if (bias != null) {
            ChannelBias.add(y, bias);
        }
        return y;
    }

    @Override
    public void backward(INDArray x, INDArray w, INDArray dy, INDArray dwAccum, INDArray dbAccum, INDArray dx) {
        DataType type = dy.dataType();
        int n = (int) dy.size(0);
        int inLength = n * g.inChannels * g.inVolume();
        Workspace ws = Workspace.get();
        Object dyh = ws.host("dy", type, n * g.outChannels * g.outVolume());
        Host.read(dy, dyh);
        Object xh = null;
        Object dwh = null;
        if (dwAccum != null) {
            xh = ws.host("x", type, inLength);
            Host.read(x, xh);
            dwh = ws.host("dw", type, (int) dwAccum.length());
            Host.fillZero(dwh, (int) dwAccum.length());
        }
        Object wh = null;
        Object dxh = null;
        if (dx != null) {
            wh = ws.host("w", type, (int) w.length());
            Host.read(w, wh);
            dxh = ws.host("dx", type, inLength);
        }
        DepthwiseKernel.backward(g, n, xh, wh, dyh, dxh, dwh);
        if (dwAccum != null) {
            dwAccum.addi(Host.toArray(dwh, type, dwAccum.shape()));
        }
        if (dbAccum != null) {
            dbAccum.addi(ChannelBias.gradient(dy));
        }
        if (dxh != null) {
            Host.write(dxh, dx);
        }
    }
}
