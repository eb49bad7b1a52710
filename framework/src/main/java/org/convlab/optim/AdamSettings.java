package org.convlab.optim;

import java.util.List;
import java.util.function.Function;
import org.convlab.nn.Parameter;

/**
 * The settings of {@link Adam} and {@link AdamW}, which differ only in how they apply weight decay
 * and in its default. Defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8.
 *
 * @param <O> the optimizer {@link #build()} makes
 */
public final class AdamSettings<O extends Optimizer> {
    final List<Parameter> parameters;
    double learningRate = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double weightDecay;
    private final Function<AdamSettings<O>, O> factory;

    AdamSettings(List<Parameter> parameters, double defaultWeightDecay, Function<AdamSettings<O>, O> factory) {
        this.parameters = parameters;
        this.weightDecay = defaultWeightDecay;
        this.factory = factory;
    }

    public AdamSettings<O> learningRate(double learningRate) {
        this.learningRate = learningRate;
        return this;
    }

    public AdamSettings<O> betas(double beta1, double beta2) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    public AdamSettings<O> eps(double eps) {
        this.eps = eps;
        return this;
    }

    public AdamSettings<O> weightDecay(double weightDecay) {
        this.weightDecay = weightDecay;
        return this;
    }

    public O build() {
        return factory.apply(this);
    }
}
