package org.convlab.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Input and setting checks whose messages name the layer, what was expected and what was found. */
public final class Checks {
    private Checks() {
    }

    /** Fails unless {@code input} has {@code rank} axes. */
    public static void requireRank(String layer, INDArray input, int rank, String layout) {
        requireRank(layer, input.shape(), rank, layout);
    }

    public static void requireRank(String layer, long[] shape, int rank, String layout) {
        if (shape.length != rank) {
            throw new IllegalArgumentException(layer + ": expected a rank-" + rank + " input " + layout
                    + ", got shape " + Arrays.toString(shape) + " (rank " + shape.length + ")");
        }
    }

    /** Fails unless axis {@code axis} of {@code shape} equals {@code expected}. */
    public static void requireSize(String layer, long[] shape, int axis, long expected, String what) {
        if (shape[axis] != expected) {
            throw new IllegalArgumentException(layer + ": expected " + expected + " " + what + " (axis " + axis
                    + "), got " + shape[axis] + " in input shape " + Arrays.toString(shape));
        }
    }

    /** Fails unless the input has the layer's data type: a silent cast would hide a precision bug. */
    public static void requireDataType(String layer, INDArray input, DataType expected) {
        if (input.dataType() != expected) {
            throw new IllegalArgumentException(layer + ": expected an input of data type " + expected
                    + " (the type of the layer's parameters), got " + input.dataType()
                    + "; convert with input.castTo(DataType." + expected + ") or build the layer with .dataType(DataType."
                    + input.dataType() + ")");
        }
    }

    public static int positive(String layer, String setting, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(layer + ": " + setting + " must be >= 1, got " + value);
        }
        return value;
    }

    public static int nonNegative(String layer, String setting, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(layer + ": " + setting + " must be >= 0, got " + value);
        }
        return value;
    }

    /** Fails unless two shapes are equal. */
    public static void requireSameShape(String what, long[] expected, long[] actual) {
        if (!Arrays.equals(expected, actual)) {
            throw new IllegalArgumentException(what + ": expected shape " + Arrays.toString(expected) + ", got "
                    + Arrays.toString(actual));
        }
    }

    /** Fails unless the rank of {@code shape} is one of {@code ranks} (a layer that accepts, say, [N, C] and [N, C, L]). */
    public static void requireRankIn(String layer, long[] shape, int[] ranks, String layouts) {
        for (int r : ranks) {
            if (shape.length == r) {
                return;
            }
        }
        throw new IllegalArgumentException(layer + ": expected an input of rank " + Arrays.toString(ranks) + " " + layouts
                + ", got shape " + Arrays.toString(shape) + " (rank " + shape.length + ")");
    }

    /** Fails unless the input holds floating-point numbers: the layers differentiate, integers cannot. */
    public static void requireFloatingPoint(String layer, INDArray input) {
        if (!input.dataType().isFPType()) {
            throw new IllegalArgumentException(layer + ": expected a floating-point input (FLOAT or DOUBLE), got "
                    + input.dataType() + " with shape " + Arrays.toString(input.shape()));
        }
    }
}
