package org.convlab.bench;

import java.util.ArrayList;
import java.util.List;
import org.convlab.engine.LoweredConv;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runs a list of matrix products on preallocated FLOAT operands: the GEMM work alone, nothing else. */
final class GemmReplay {
    private record Operands(INDArray a, INDArray b, INDArray c, LoweredConv.Product p) {
    }

    private final List<Operands> operands = new ArrayList<>();

    GemmReplay(List<LoweredConv.Product> products) {
        for (LoweredConv.Product p : products) {
            INDArray a = p.transposeA() ? Nd4j.rand(DataType.FLOAT, p.k(), p.m()) : Nd4j.rand(DataType.FLOAT, p.m(), p.k());
            INDArray b = p.transposeB() ? Nd4j.rand(DataType.FLOAT, p.n(), p.k()) : Nd4j.rand(DataType.FLOAT, p.k(), p.n());
            operands.add(new Operands(a, b, Nd4j.create(DataType.FLOAT, p.m(), p.n()), p));
        }
    }

    INDArray run() {
        INDArray last = null;
        for (Operands o : operands) {
            for (int i = 0; i < o.p().count(); i++) {
                last = Nd4j.gemm(o.a(), o.b(), o.c(), o.p().transposeA(), o.p().transposeB(), 1.0, 0.0);
            }
        }
        return last;
    }
}
