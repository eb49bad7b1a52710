package org.convlab.train;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Host copies of small arrays for the metrics' element loops, and their shape checks. */
final class MetricArrays {
    private MetricArrays() {
    }

    /** The elements in c order as doubles (one bulk copy). */
    static double[] doubles(INDArray a) {
        INDArray d = a.dataType() == DataType.DOUBLE ? a : a.castTo(DataType.DOUBLE);
        if (d.isView() || d.ordering() != 'c' || d.data().length() != d.length()) {
            d = d.dup('c');
        }
        return d.data().asDouble();
    }

    static void requireSameShape(String metric, INDArray prediction, INDArray target) {
        if (!Arrays.equals(prediction.shape(), target.shape())) {
            throw new IllegalArgumentException(metric + ": expected a target of the prediction's shape "
                    + Arrays.toString(prediction.shape()) + ", got " + Arrays.toString(target.shape()));
        }
    }

    static void requireStateLength(String metric, double[] state, int expected) {
        if (state == null || state.length != expected) {
            throw new IllegalArgumentException(metric + ": expected " + expected + " running sums, got "
                    + (state == null ? "none" : state.length));
        }
    }
}
