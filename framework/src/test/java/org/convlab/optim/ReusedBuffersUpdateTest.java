package org.convlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.convlab.nn.Init;
import org.convlab.nn.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The updates write into reused working arrays; they must give the same bits as the formulas
 * written plainly with a fresh array per operation (the form they replaced).
 */
class ReusedBuffersUpdateTest {
    private static final int STEPS = 4;

    private static Parameter parameter(DataType type) {
        return new Parameter("w", Init.uniform(1, type, -1, 1, 3, 5));
    }

    private static INDArray gradient(DataType type, int step) {
        return Init.uniform(10 + step, type, -1, 1, 3, 5);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.01})
    void adamGivesTheBitsOfThePlainFormula(double weightDecay) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Parameter p = parameter(type);
            Optimizer adam = Adam.builder(List.of(p)).learningRate(0.01).weightDecay(weightDecay).build();
            INDArray value = p.value().dup();
            INDArray m = value.ulike().assign(0);
            INDArray v = value.ulike().assign(0);
            for (int t = 1; t <= STEPS; t++) {
                INDArray grad = gradient(type, t);
                p.zeroGrad();
                p.grad().addi(grad);
                adam.step();
                INDArray g = weightDecay != 0 ? grad.add(value.mul(weightDecay)) : grad;
                m.muli(0.9).addi(g.mul(1 - 0.9));
                v.muli(0.999).addi(g.mul(g).muli(1 - 0.999));
                INDArray den = Transforms.sqrt(v, true).divi(Math.sqrt(1 - Math.pow(0.999, t))).addi(1e-8);
                value.subi(m.div(den).muli(0.01 / (1 - Math.pow(0.9, t))));
                assertArrayEquals(value.data().asDouble(), p.value().data().asDouble(), 0.0, type + " step " + t);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "momentum", "nesterov", "decay"})
    void sgdGivesTheBitsOfThePlainFormula(String variant) {
        double momentum = variant.equals("plain") ? 0 : 0.9;
        double decay = variant.equals("decay") ? 0.01 : 0;
        boolean nesterov = variant.equals("nesterov");
        Parameter p = parameter(DataType.FLOAT);
        Optimizer sgd = SGD.builder(List.of(p), 0.05).momentum(momentum).nesterov(nesterov).weightDecay(decay).build();
        INDArray value = p.value().dup();
        INDArray buffer = value.ulike().assign(0);
        for (int t = 1; t <= STEPS; t++) {
            INDArray grad = gradient(DataType.FLOAT, t);
            p.zeroGrad();
            p.grad().addi(grad);
            sgd.step();
            INDArray d = decay != 0 ? grad.add(value.mul(decay)) : grad;
            if (momentum != 0) {
                buffer.muli(momentum).addi(d);
                d = nesterov ? d.add(buffer.mul(momentum)) : buffer;
            }
            value.subi(d.mul(0.05));
            assertArrayEquals(value.data().asDouble(), p.value().data().asDouble(), 0.0, variant + " step " + t);
        }
    }
}
