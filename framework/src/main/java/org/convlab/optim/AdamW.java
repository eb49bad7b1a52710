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

    private AdamW(AdamSettings<AdamW> s) {
        super("AdamW", s.parameters, s.learningRate, s.beta1, s.beta2, s.eps, s.weightDecay, true);
    }

    public static AdamSettings<AdamW> builder(List<Parameter> parameters) {
        return new AdamSettings<>(parameters, 1e-2, AdamW::new);
    }
}
