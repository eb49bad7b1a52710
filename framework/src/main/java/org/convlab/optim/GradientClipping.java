package org.convlab.optim;

import java.util.List;
import org.convlab.nn.Parameter;

/** Gradient rescaling applied between the backward pass and the optimizer step. */
public final class GradientClipping {
    /** Added to the norm before dividing, as in PyTorch, so a zero norm never divides by zero. */
    private static final double NORM_EPS = 1e-6;

    private GradientClipping() {
    }

    /**
     * Scales all gradients together so that their global norm {@code sqrt(sum_p ||grad_p||^2)} is at
     * most {@code maxNorm} ({@code torch.nn.utils.clip_grad_norm_}): when the norm exceeds
     * {@code maxNorm}, every gradient is multiplied in place by {@code maxNorm / (norm + 1e-6)}; the
     * direction is kept. A non-finite norm leaves the gradients untouched, so that
     * {@link Optimizer#step()} can name the offending parameter.
     *
     * @return the global norm before clipping
     */
    public static double clipByGlobalNorm(List<Parameter> parameters, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("GradientClipping: maxNorm must be finite and > 0, got " + maxNorm);
        }
        double sumOfSquares = 0;
        for (Parameter p : parameters) {
            double norm = p.grad().norm2Number().doubleValue();
            sumOfSquares += norm * norm;
        }
        double total = Math.sqrt(sumOfSquares);
        double scale = maxNorm / (total + NORM_EPS);
        if (Double.isFinite(total) && scale < 1) {
            for (Parameter p : parameters) {
                p.grad().muli(scale);
            }
        }
        return total;
    }
}
