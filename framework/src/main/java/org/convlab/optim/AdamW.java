package org.convlab.optim;

import java.util.List;
import org.convlab.nn.Parameter;

/**
 * AdamW ({@code torch.optim.AdamW}, Loshchilov and Hutter): Adam with decoupled weight decay. The
 * weights shrink by {@code p = p * (1 - lr * weightDecay)} before the Adam step, which then uses the
 * plain gradient, so the decay is not rescaled by the adaptive denominator.
 * Defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2.
 */
public final class AdamW extends AdaptiveMoments {

    private AdamW(Builder b) {
        super("AdamW", b.parameters, b.learningRate, b.beta1, b.beta2, b.eps, b.weightDecay, true);
    }

    public static Builder builder(List<Parameter> parameters) {
        return new Builder(parameters);
    }

    /** Settings of {@link AdamW}. */
    public static final class Builder {
        private final List<Parameter> parameters;
        private double learningRate = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay = 1e-2;

        private Builder(List<Parameter> parameters) {
            this.parameters = parameters;
        }

        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder betas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public AdamW build() {
            return new AdamW(this);
        }
    }
}
