package org.convlab.nn;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What each forward call keeps for its backward call, last in first out, so a layer applied k
 * times (weight sharing) is back-propagated by k backward calls in reverse order. Nothing is kept
 * while {@link GradMode} is disabled (evaluation), so inference does not accumulate state.
 */
public final class SavedForBackward<T> {
    private final String layer;
    private final Deque<T> stack = new ArrayDeque<>();

    public SavedForBackward(String layer) {
        this.layer = layer;
    }

    public void push(T state) {
        if (GradMode.isEnabled()) {
            stack.push(state);
        }
    }

    /** The state of the most recent forward call not yet matched by a backward call. */
    public T pop() {
        if (stack.isEmpty()) {
            throw new IllegalStateException(layer + ": backward called without a matching forward call"
                    + (GradMode.isEnabled() ? "" : " (gradients are disabled by GradMode)"));
        }
        return stack.pop();
    }
}
