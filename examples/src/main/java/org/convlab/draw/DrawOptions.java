package org.convlab.draw;

/**
 * What to write besides the still: the animation, the matrix C, the worked example's numbers, the
 * output position of the still, the seed of the worked example, the dilation rates of a stack.
 */
public record DrawOptions(boolean animate, boolean matrix, boolean values, int[] at, long seed, int[] stack) {

    public static DrawOptions still() {
        return new DrawOptions(false, false, false, null, 1, null);
    }

    public DrawOptions withAnimation() {
        return new DrawOptions(true, matrix, values, at, seed, stack);
    }

    public DrawOptions withMatrix() {
        return new DrawOptions(animate, true, values, at, seed, stack);
    }

    public DrawOptions withValues() {
        return new DrawOptions(animate, matrix, true, at, seed, stack);
    }

    public DrawOptions withStack(int... rates) {
        return new DrawOptions(animate, matrix, values, at, seed, rates.clone());
    }
}
