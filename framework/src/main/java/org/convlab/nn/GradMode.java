package org.convlab.nn;

/**
 * Whether forward passes keep what backward needs (as PyTorch's {@code torch.no_grad()}). Disable
 * it around evaluation so that forward calls without backward calls leave nothing behind:
 *
 * <pre>{@code
 * try (GradMode.Scope ignored = GradMode.disabled()) {
 *     INDArray logits = model.forward(x);
 * }
 * }</pre>
 * The setting is per thread.
 */
public final class GradMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> true);

    private GradMode() {
    }

    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Disables gradient bookkeeping until the returned scope is closed, then restores the previous setting. */
    public static Scope disabled() {
        boolean previous = ENABLED.get();
        ENABLED.set(false);
        return () -> ENABLED.set(previous);
    }

    /** A region with gradients disabled; closing it restores the previous setting. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
