package org.convlab.nn.layers;

import org.convlab.nn.SavedForBackward;
import java.util.Arrays;
import java.util.List;
import org.convlab.nn.Checks;
import org.convlab.nn.Layer;
import org.convlab.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Keeps the batch axis and joins the rest in c order: {@code [N, d1, d2, ...] -> [N, d1 * d2 * ...]}. */
public final class Flatten implements Layer {
    private final SavedForBackward<long[]> savedShapes = new SavedForBackward<>(name());

    @Override
    public INDArray forward(INDArray input) {
        long[] outShape = outputShape(input.shape());
        savedShapes.push(input.shape());
        return input.reshape('c', outShape);
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        long[] inShape = savedShapes.pop();
        Checks.requireSameShape(name() + " backward gradOutput", outputShape(inShape), gradOutput.shape());
        return gradOutput.reshape('c', inShape);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public long[] outputShape(long... inputShape) {
        if (inputShape.length < 2) {
            throw new IllegalArgumentException(name() + ": expected an input [N, ...] of rank >= 2, got shape "
                    + Arrays.toString(inputShape) + " (rank " + inputShape.length + ")");
        }
        long features = 1;
        for (int i = 1; i < inputShape.length; i++) {
            features *= inputShape[i];
        }
        return new long[] {inputShape[0], features};
    }
}
