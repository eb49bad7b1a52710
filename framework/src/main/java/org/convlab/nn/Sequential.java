package org.convlab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layers applied in order, {@code y = f_k(... f_2(f_1(x)))}, and back-propagated in reverse. The
 * same layer may appear more than once (weight sharing): its backward calls pair with its forward
 * calls last in first out, so its gradients sum over every use.
 *
 * <p><b>The input gradient.</b> The input of a model is data, and nobody reads dLoss/dData while
 * training; so by default the first layer is told (with {@link Layer#setInputGradientNeeded}) that
 * its input gradient is not needed, and {@link #backward} returns null. The parameter gradients are
 * the same either way. Ask for it with {@code model.setInputGradientNeeded(true)} (a saliency map, a
 * model nested after another layer, {@link org.convlab.nn.GradientChecker}); a Sequential nested in
 * another passes what it is told on to its own first layer.
 */
public final class Sequential implements Layer, Costed {
    private final List<Layer> layers = new ArrayList<>();
    private boolean inputGradientNeeded;

    public Sequential(Layer... layers) {
        for (Layer l : layers) {
            add(l);
        }
    }

    /** Appends a layer; returns this for chaining. */
    public Sequential add(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Sequential: cannot add a null layer (at index " + layers.size() + ")");
        }
        if (layer == this) {
            throw new IllegalArgumentException("Sequential: cannot contain itself");
        }
        layers.add(layer);
        tellInputGradientNeeded();
        return this;
    }

    /**
     * Whether {@link #backward} returns dLoss/dInput (default false: the input is data). The
     * parameter gradients do not depend on it.
     */
    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
        tellInputGradientNeeded();
    }

    public boolean inputGradientNeeded() {
        return inputGradientNeeded;
    }

    /**
     * The first layer needs its input gradient only when this model's caller does; every later one
     * feeds a layer before it. A layer that is both first and used again later (weight sharing)
     * must keep computing it.
     */
    private void tellInputGradientNeeded() {
        if (layers.isEmpty()) {
            return;
        }
        Layer first = layers.get(0);
        boolean usedLater = false;
        for (int i = 1; i < layers.size(); i++) {
            layers.get(i).setInputGradientNeeded(true);
            usedLater |= layers.get(i) == first;
        }
        first.setInputGradientNeeded(inputGradientNeeded || usedLater);
    }

    /** The layers in order (unmodifiable). */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public INDArray forward(INDArray input) {
        INDArray x = input;
        for (Layer l : layers) {
            x = l.forward(x);
        }
        return x;
    }

    /**
     * Back-propagates through every layer in reverse; returns dLoss/dInput, or null when the input
     * gradient is not needed (see {@link #setInputGradientNeeded}).
     */
    @Override
    public INDArray backward(INDArray gradOutput) {
        INDArray g = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
            if (g == null && i > 0) {
                throw new IllegalStateException("Sequential: layer " + i + " (" + layers.get(i).name()
                        + ") returned no input gradient, but layer " + (i - 1) + " needs one");
            }
        }
        return inputGradientNeeded ? g : null;
    }

    /**
     * Every child's parameters in layer order. A layer used twice contributes its parameters once:
     * an optimiser stepping a shared parameter twice would apply its summed gradient twice.
     */
    @Override
    public List<Parameter> parameters() {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Parameter> out = new ArrayList<>();
        for (Layer l : layers) {
            for (Parameter p : l.parameters()) {
                if (seen.add(p)) {
                    out.add(p);
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Chains the children's shapes; a child's error message says which layer rejected the shape. */
    @Override
    public long[] outputShape(long... inputShape) {
        long[] shape = inputShape;
        for (Layer l : layers) {
            shape = l.outputShape(shape);
        }
        return shape;
    }

    @Override
    public void setTraining(boolean training) {
        for (Layer l : layers) {
            l.setTraining(training);
        }
    }

    /** Children's buffers named {@code "index.name"}, e.g. {@code "1.running_mean"}; the live arrays. */
    @Override
    public Map<String, INDArray> buffers() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, INDArray> e : layers.get(i).buffers().entrySet()) {
                out.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** Sum over the children that are {@link Costed}, each at the shape that reaches it. */
    @Override
    public long multiplications(long... inputShape) {
        long total = 0;
        long[] shape = inputShape;
        for (Layer l : layers) {
            if (l instanceof Costed c) {
                total += c.multiplications(shape);
            }
            shape = l.outputShape(shape);
        }
        return total;
    }
}
