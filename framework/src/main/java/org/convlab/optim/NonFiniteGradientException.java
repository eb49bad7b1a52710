package org.convlab.optim;

/**
 * Thrown by {@link Optimizer#step()} when a gradient holds NaN or an infinity. The step is refused
 * before anything changes, so the weights and the optimizer state stay as they were and the caller
 * can lower the learning rate, skip the batch or stop.
 */
public final class NonFiniteGradientException extends ArithmeticException {
    private final int parameterIndex;
    private final String parameterName;

    public NonFiniteGradientException(int parameterIndex, String parameterName, String what) {
        super("gradient of parameter " + parameterIndex + " ('" + parameterName + "') is " + what
                + "; the optimizer step was skipped and no weight was changed");
        this.parameterIndex = parameterIndex;
        this.parameterName = parameterName;
    }

    /** The position of the offending parameter in the optimizer's parameter list. */
    public int parameterIndex() {
        return parameterIndex;
    }

    public String parameterName() {
        return parameterName;
    }
}
