package org.convlab.nn;

/**
 * A layer that can say, before running, how many multiplications one forward pass performs on an
 * input of a given shape (batch axis included) — the number the convolution canon argues with.
 * Additions are not counted; a multiplication by an implicit zero of the padding is not performed
 * and so not counted.
 */
public interface Costed {
    long multiplications(long... inputShape);
}
