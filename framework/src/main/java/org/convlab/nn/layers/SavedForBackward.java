package org.convlab.nn.layers;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What each forward call keeps for its backward call, last in first out, so a layer applied k
 * times (weight sharing) is back-propagated by k backward calls in reverse order.
 */
final class SavedForBackward<T> {
    private final String layer;
    private final Deque<T> stack = new ArrayDeque<>();

    SavedForBackward(String layer) {
        this.layer = layer;
    }

    void push(T state) {
        stack.push(state);
    }

    /** The state of the most recent forward call not yet matched by a backward call. */
    T pop() {
        if (stack.isEmpty()) {
            throw new IllegalStateException(layer + ": backward called without a matching forward call");
        }
        return stack.pop();
    }
}
