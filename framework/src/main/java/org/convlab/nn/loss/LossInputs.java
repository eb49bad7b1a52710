package org.convlab.nn.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks shared by the losses, and the copy of an array into a primitive buffer. */
final class LossInputs {
    private LossInputs() {
    }

    /** Fails unless the target has the prediction's shape and data type. */
    static void requireMatchingTarget(String loss, INDArray prediction, INDArray target) {
        if (!Arrays.equals(prediction.shape(), target.shape())) {
            throw new IllegalArgumentException(loss + ": expected a target of the prediction's shape "
                    + Arrays.toString(prediction.shape()) + ", got " + Arrays.toString(target.shape()));
        }
        if (prediction.dataType() != target.dataType()) {
            throw new IllegalArgumentException(loss + ": expected a target of the prediction's data type "
                    + prediction.dataType() + ", got " + target.dataType()
                    + "; convert with target.castTo(DataType." + prediction.dataType() + ")");
        }
        requireNonEmpty(loss, prediction);
    }

    static void requireNonEmpty(String loss, INDArray prediction) {
        if (prediction.isEmpty() || prediction.length() == 0) {
            throw new IllegalArgumentException(loss + ": expected a non-empty prediction, got shape "
                    + Arrays.toString(prediction.shape()));
        }
    }

    /**
     * The elements in row-major order as doubles. A view's buffer holds more than its elements, so a
     * view (or an f-order array) is copied into a fresh c-order array first.
     */
    static double[] toDoubles(INDArray array) {
        INDArray a = array.dataType() == DataType.DOUBLE ? array : array.castTo(DataType.DOUBLE);
        if (a.isView() || a.ordering() != 'c' || a.data().length() != a.length()) {
            a = a.dup('c');
        }
        return a.data().asDouble();
    }
}
