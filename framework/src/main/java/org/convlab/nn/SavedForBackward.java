package org.convlab.nn;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What each forward call keeps for its backward call, last in first out, so a layer applied k
 * times (weight sharing) is back-propagated by k backward calls in reverse order. Nothing is kept
 * while {@link GradMode} is disabled (evaluation), so inference does not accumulate state.
 *
 * <p><b>One thread at a time.</b> A layer is not made safe for concurrent training: two threads
 * interleaving their forward and backward calls would pair one thread's backward with the other's
 * saved state and give silently wrong gradients. This is detected and refused instead: while
 * forward calls of one thread await their backward calls, a forward or backward call from another
 * thread throws {@link IllegalStateException} naming the layer and both threads. Handing a layer to
 * another thread between complete forward-backward pairs is allowed. Concurrent forward calls with
 * gradients disabled keep nothing here and are not checked; give each thread its own model.
 */
public final class SavedForBackward<T> {
    private final String layer;
    private final Deque<T> stack = new ArrayDeque<>();
    /** The thread whose forward calls await their backward calls; null when none do. */
    private Thread owner;

    public SavedForBackward(String layer) {
        this.layer = layer;
    }

    public synchronized void push(T state) {
        if (GradMode.isEnabled()) {
            requireOwner("forward");
            stack.push(state);
            owner = Thread.currentThread();
        }
    }

    /** The state of the most recent forward call not yet matched by a backward call. */
    public synchronized T pop() {
        if (stack.isEmpty()) {
            throw new IllegalStateException(layer + ": backward called without a matching forward call"
                    + (GradMode.isEnabled() ? "" : " (gradients are disabled by GradMode)"));
        }
        requireOwner("backward");
        T state = stack.pop();
        if (stack.isEmpty()) {
            owner = null;
        }
        return state;
    }

    private void requireOwner(String call) {
        Thread me = Thread.currentThread();
        if (owner != null && owner != me) {
            throw new IllegalStateException(layer + ": used from two threads at once: thread '" + me.getName()
                    + "' called " + call + " while " + stack.size() + " forward call(s) of thread '" + owner.getName()
                    + "' await their backward; a layer keeps per-call state for backward and serves one thread at "
                    + "a time (give each thread its own model)");
        }
    }
}
