package org.convlab.optim;

import java.util.List;
import org.convlab.nn.Parameter;

/**
 * Adam ({@code torch.optim.Adam}), weight decay as an L2 term added to the gradient:
 * <pre>
 *   g = grad + weightDecay * p
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * Defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.
 */
public final class Adam extends AdaptiveMoments {

    private Adam(Builder b) {
        super("Adam", b.parameters, b.learningRate, b.beta1, b.beta2, b.eps, b.weightDecay, false);
    }

    public static Builder builder(List<Parameter> parameters) {
        return new Builder(parameters);
    }

    /** Settings of {@link Adam}. */
    public static final class Builder {
        private final List<Parameter> parameters;
        private double learningRate = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay;

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

        public Adam build() {
            return new Adam(this);
        }
    }
}
