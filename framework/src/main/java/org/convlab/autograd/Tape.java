package org.convlab.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convlab.nn.Layer;
import org.convlab.nn.loss.Loss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Records a forward pass through a graph of layers and array operations, then back-propagates it.
 *
 * <p>Each recorded operation computes its output and appends a backward step: a closure that reads
 * the output's gradient and ADDS its share into the inputs' gradients (micrograd's idea, on whole
 * arrays). Recording order is a topological order, so {@link #backward} runs the steps in reverse;
 * a variable used several times receives the sum of its shares.
 *
 * <p>Layers are differentiated by their own {@link Layer#backward}, the same code a plain stack of
 * layers runs; the tape adds no second gradient path. Every layer step runs, with a zero gradient if
 * nothing reached its output, because layers pair backward calls with forward calls last-in
 * first-out: skipping one would hand a later backward call the wrong saved state. The same pairing
 * makes a layer applied twice (weight sharing) come out right.
 *
 * <p>A tape serves one forward and one backward pass.
 * <pre>{@code
 * Tape tape = new Tape();
 * Variable x = tape.input(batch);
 * Variable h = tape.apply(conv, x);
 * Variable y = tape.apply(head, tape.add(h, x));          // a residual connection
 * double loss = tape.backward(y, new SoftmaxCrossEntropy(), labels);
 * }</pre>
 */
public final class Tape {
    private final List<Runnable> backwardSteps = new ArrayList<>();
    private boolean finished;

    /** A leaf variable wrapping {@code value} (not copied); its gradient is filled by {@link #backward}. */
    public Variable input(INDArray value) {
        requireOpen("input");
        return new Variable(this, value);
    }

    /** {@code layer.forward(x)}; backward calls {@code layer.backward}, which also adds the parameter gradients. */
    public Variable apply(Layer layer, Variable x) {
        requireOpen("apply");
        requireOwn("apply", x);
        // Every variable on a tape gets its gradient: a Sequential would otherwise skip its input's.
        layer.setInputGradientNeeded(true);
        Variable y = new Variable(this, layer.forward(x.value()));
        backwardSteps.add(() -> x.accumulate(layer.backward(y.grad()), layer.name() + ".backward"));
        return y;
    }

    /** Elementwise {@code a + b} of equal shapes (no broadcasting); both receive the output gradient. */
    public Variable add(Variable a, Variable b) {
        requireOpen("add");
        requireSameShape("add", a, b);
        Variable y = new Variable(this, a.value().add(b.value()));
        backwardSteps.add(() -> {
            a.accumulate(y.grad(), "Tape.add");
            b.accumulate(y.grad(), "Tape.add");
        });
        return y;
    }

    /** Elementwise {@code a * b} of equal shapes (no broadcasting): {@code da = g * b}, {@code db = g * a}. */
    public Variable multiply(Variable a, Variable b) {
        requireOpen("multiply");
        requireSameShape("multiply", a, b);
        Variable y = new Variable(this, a.value().mul(b.value()));
        backwardSteps.add(() -> {
            a.accumulate(y.grad().mul(b.value()), "Tape.multiply");
            b.accumulate(y.grad().mul(a.value()), "Tape.multiply");
        });
        return y;
    }

    /** Joins the parts along the channel axis (axis 1); backward hands each part its slice of the gradient. */
    public Variable concat(Variable... parts) {
        requireOpen("concat");
        if (parts.length == 0) {
            throw new IllegalArgumentException("Tape.concat: expected at least one part, got none");
        }
        long[] first = parts[0].shape();
        INDArray[] values = new INDArray[parts.length];
        for (int i = 0; i < parts.length; i++) {
            requireOwn("concat", parts[i]);
            requireChannelAxis("concat", parts[i].value());
            long[] s = parts[i].shape();
            long[] sameExceptChannels = s.clone();
            sameExceptChannels[1] = first[1];
            if (!Arrays.equals(first, sameExceptChannels) || parts[i].value().dataType() != parts[0].value().dataType()) {
                throw new IllegalArgumentException("Tape.concat: expected every part to match part 0 "
                        + parts[0].value().dataType() + Arrays.toString(first) + " except on axis 1, got "
                        + parts[i].value().dataType() + Arrays.toString(s) + " for part " + i);
            }
            values[i] = parts[i].value();
        }
        Variable y = new Variable(this, joinChannels(values));
        backwardSteps.add(() -> {
            long offset = 0;
            for (Variable part : parts) {
                long channels = part.shape()[1];
                part.accumulate(y.grad().get(channelRange(part.value().rank(), offset, offset + channels)),
                        "Tape.concat");
                offset += channels;
            }
        });
        return y;
    }

    /** Cuts {@code x} along the channel axis (axis 1) into consecutive parts of the given sizes. */
    public List<Variable> split(Variable x, long... sizes) {
        requireOpen("split");
        requireOwn("split", x);
        requireChannelAxis("split", x.value());
        long total = 0;
        for (long s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("Tape.split: expected sizes >= 1, got " + Arrays.toString(sizes));
            }
            total += s;
        }
        if (total != x.shape()[1]) {
            throw new IllegalArgumentException("Tape.split: expected sizes summing to the " + x.shape()[1]
                    + " channels of " + Arrays.toString(x.shape()) + ", got " + Arrays.toString(sizes) + " (sum "
                    + total + ")");
        }
        int rank = x.value().rank();
        List<Variable> parts = new ArrayList<>(sizes.length);
        long offset = 0;
        for (long s : sizes) {
            // A copy, not a view: a layer writing into its input must not reach into x.
            parts.add(new Variable(this, x.value().get(channelRange(rank, offset, offset + s)).dup()));
            offset += s;
        }
        backwardSteps.add(() -> {
            INDArray gx = x.value().ulike();
            gx.assign(0);
            long off = 0;
            for (Variable part : parts) {
                long channels = part.shape()[1];
                if (part.hasGrad()) {
                    gx.get(channelRange(rank, off, off + channels)).addi(part.grad());
                }
                off += channels;
            }
            x.accumulate(gx, "Tape.split");
        });
        return List.copyOf(parts);
    }

    /**
     * Back-propagates from {@code output}, seeded with dLoss/dOutput, into every recorded variable and,
     * through the layers' backward passes, into their parameters' gradients (which are added to, so
     * zero them before the forward pass). Ends the tape.
     */
    public void backward(Variable output, INDArray seedGradient) {
        requireOpen("backward");
        requireOwn("backward", output);
        if (!Arrays.equals(seedGradient.shape(), output.shape())) {
            throw new IllegalArgumentException("Tape.backward: expected a seed gradient of the output's shape "
                    + Arrays.toString(output.shape()) + ", got " + Arrays.toString(seedGradient.shape()));
        }
        finished = true; // even if a step fails, the layers' saved state is no longer consistent with this tape
        output.accumulate(seedGradient, "Tape.backward seed");
        for (int i = backwardSteps.size() - 1; i >= 0; i--) {
            backwardSteps.get(i).run();
        }
        backwardSteps.clear();
    }

    /** Computes {@code loss(prediction, target)}, back-propagates its gradient and returns the loss value. */
    public double backward(Variable prediction, Loss loss, INDArray target) {
        requireOpen("backward");
        requireOwn("backward", prediction);
        Loss.Result result = loss.compute(prediction.value(), target);
        backward(prediction, result.gradient());
        return result.value();
    }

    /** The number of recorded operations. */
    public int size() {
        return backwardSteps.size();
    }

    private void requireOpen(String op) {
        if (finished) {
            throw new IllegalStateException("Tape." + op + ": this tape has already been back-propagated; "
                    + "record each forward pass on a new Tape");
        }
    }

    private void requireOwn(String op, Variable v) {
        if (v.tape() != this) {
            throw new IllegalArgumentException("Tape." + op + ": " + v + " was recorded on another tape");
        }
    }

    private void requireSameShape(String op, Variable a, Variable b) {
        requireOwn(op, a);
        requireOwn(op, b);
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("Tape." + op + ": expected operands of the same shape (no broadcasting), got "
                    + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()));
        }
        if (a.value().dataType() != b.value().dataType()) {
            throw new IllegalArgumentException("Tape." + op + ": expected operands of the same data type, got "
                    + a.value().dataType() + " and " + b.value().dataType());
        }
    }

    private static void requireChannelAxis(String op, INDArray value) {
        if (value.rank() < 2) {
            throw new IllegalArgumentException("Tape." + op + ": expected an array with a channel axis (rank >= 2, "
                    + "[N, C, ...]), got shape " + Arrays.toString(value.shape()));
        }
    }

    /**
     * Copies the parts into channel slices of one new array. Measured on ND4J M2.1, Nd4j.concat costs
     * milliseconds even for tiny arrays, where an allocation and one assign per part cost microseconds.
     */
    private static INDArray joinChannels(INDArray[] values) {
        long[] shape = values[0].shape().clone();
        shape[1] = 0;
        for (INDArray v : values) {
            shape[1] += v.size(1);
        }
        INDArray out = Nd4j.create(values[0].dataType(), shape);
        long offset = 0;
        for (INDArray v : values) {
            out.get(channelRange(shape.length, offset, offset + v.size(1))).assign(v);
            offset += v.size(1);
        }
        return out;
    }

    /** Index selecting channels {@code [from, to)} of axis 1 and everything on the other axes. */
    private static INDArrayIndex[] channelRange(int rank, long from, long to) {
        INDArrayIndex[] index = new INDArrayIndex[rank];
        Arrays.fill(index, NDArrayIndex.all());
        index[1] = NDArrayIndex.interval(from, to);
        return index;
    }
}
