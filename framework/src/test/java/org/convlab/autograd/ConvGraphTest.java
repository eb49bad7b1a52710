package org.convlab.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convlab.nn.Init;
import org.convlab.nn.Parameter;
import org.convlab.nn.conv.Conv2d;
import org.convlab.nn.conv.ConvTranspose2d;
import org.convlab.nn.layers.ReLU;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Composite models of real convolution layers on the tape, checked against finite differences. */
class ConvGraphTest {

    @Test
    void residualBlockGradientsMatchFiniteDifferences() {
        Conv2d conv1 = Conv2d.builder(3, 3, 3).padding(1).dataType(DataType.DOUBLE).seed(1).build();
        Conv2d conv2 = Conv2d.builder(3, 3, 3).padding(1).dataType(DataType.DOUBLE).seed(2).build();
        ReLU relu1 = new ReLU();
        ReLU relu2 = new ReLU();
        INDArray x = Init.uniform(3, DataType.DOUBLE, -1, 1, 2, 3, 5, 5);
        List<Parameter> params = new ArrayList<>(conv1.parameters());
        params.addAll(conv2.parameters());
        // y = relu(conv2(relu(conv1(x))) + x)
        Map<String, Double> errors = TapeGradientCheck.relativeErrors(List.of(x), params, (tape, in) -> {
            Variable h = tape.apply(relu1, tape.apply(conv1, in.get(0)));
            return tape.apply(relu2, tape.add(tape.apply(conv2, h), in.get(0)));
        });
        errors.values().forEach(e -> assertTrue(e < 1e-7, errors::toString));
    }

    @Test
    void aConvolutionSharedAcrossTwoBranchesGetsTheSummedGradient() {
        Conv2d shared = Conv2d.builder(2, 2, 3).padding(1).dataType(DataType.DOUBLE).seed(4).build();
        ConvTranspose2d up = ConvTranspose2d.builder(4, 2, 2).stride(2).dataType(DataType.DOUBLE).seed(5).build();
        INDArray a = Init.uniform(6, DataType.DOUBLE, -1, 1, 1, 2, 4, 4);
        INDArray b = Init.uniform(7, DataType.DOUBLE, -1, 1, 1, 2, 4, 4);
        List<Parameter> params = new ArrayList<>(shared.parameters());
        params.addAll(up.parameters());
        // up(concat(shared(a), shared(shared(b)))): the shared layer runs three times.
        Map<String, Double> errors = TapeGradientCheck.relativeErrors(List.of(a, b), params, (tape, in) -> {
            Variable left = tape.apply(shared, in.get(0));
            Variable right = tape.apply(shared, tape.apply(shared, in.get(1)));
            return tape.apply(up, tape.concat(left, right));
        });
        errors.values().forEach(e -> assertTrue(e < 1e-7, errors::toString));
    }
}
