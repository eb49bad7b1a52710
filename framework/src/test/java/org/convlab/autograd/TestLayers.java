package org.convlab.autograd;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.convlab.nn.Checks;
import org.convlab.nn.Init;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Small hand-differentiated layers for testing the tape without the real layers. Each keeps a LIFO
 * stack of forward contexts, as the Layer contract requires, and reports how many are unmatched.
 */
final class TestLayers {
    private TestLayers() {
    }

    /** Elementwise {@code y = w * x} with a weight of the full input shape. */
    static final class Scale implements Layer {
        private final Parameter weight;
        private final Deque<INDArray> inputs = new ArrayDeque<>();

        Scale(long seed, long... shape) {
            weight = new Parameter("weight", Init.uniform(seed, DataType.DOUBLE, -1.5, 1.5, shape));
        }

        @Override
        public INDArray forward(INDArray x) {
            Checks.requireSameShape("Scale", weight.value().shape(), x.shape());
            inputs.push(x);
            return x.mul(weight.value());
        }

        @Override
        public INDArray backward(INDArray g) {
            INDArray x = inputs.pop();
            weight.grad().addi(g.mul(x));
            return g.mul(weight.value());
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(weight);
        }

        @Override
        public long[] outputShape(long... inputShape) {
            return inputShape;
        }

        int pending() {
            return inputs.size();
        }
    }

    /** {@code y = tanh(x)}, {@code dx = g (1 - y^2)}. */
    static class Tanh implements Layer {
        private final Deque<INDArray> outputs = new ArrayDeque<>();

        @Override
        public INDArray forward(INDArray x) {
            INDArray y = Transforms.tanh(x, true);
            outputs.push(y);
            return y;
        }

        @Override
        public INDArray backward(INDArray g) {
            INDArray y = outputs.pop();
            return g.mul(y.mul(y).rsubi(1));
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public long[] outputShape(long... inputShape) {
            return inputShape;
        }

        int pending() {
            return outputs.size();
        }
    }

    /** {@code y = x W} for {@code x: [N, in]}, {@code W: [in, out]}; it mixes channels, unlike Scale. */
    static final class MatMul implements Layer {
        private final Parameter weight;
        private final Deque<INDArray> inputs = new ArrayDeque<>();

        MatMul(long seed, long in, long out) {
            weight = new Parameter("weight", Init.uniform(seed, DataType.DOUBLE, -1, 1, in, out));
        }

        @Override
        public INDArray forward(INDArray x) {
            inputs.push(x);
            return x.mmul(weight.value());
        }

        @Override
        public INDArray backward(INDArray g) {
            INDArray x = inputs.pop();
            weight.grad().addi(x.transpose().mmul(g));
            return g.mmul(weight.value().transpose());
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(weight);
        }

        @Override
        public long[] outputShape(long... inputShape) {
            return new long[] {inputShape[0], weight.value().size(1)};
        }

        int pending() {
            return inputs.size();
        }
    }
}
