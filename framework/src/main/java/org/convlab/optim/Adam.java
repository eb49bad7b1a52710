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

    private Adam(AdamSettings<Adam> s) {
        super("Adam", s.parameters, s.learningRate, s.beta1, s.beta2, s.eps, s.weightDecay, false);
    }

    public static AdamSettings<Adam> builder(List<Parameter> parameters) {
        return new AdamSettings<>(parameters, 0, Adam::new);
    }
}
