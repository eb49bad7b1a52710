package org.convlab.nn.conv;

/**
 * How a convolution fills the border: with zeros, or by an explicit pad step before a
 * zero-padded convolution (as PyTorch's padding_mode).
 */
public enum PaddingMode {
    /** Implicit zeros; the engine skips them. */
    ZEROS,
    /** Mirror without repeating the edge: {@code [a b c] -> b [a b c] b}. */
    REFLECT,
    /** Repeat the edge: {@code [a b c] -> a [a b c] c}. */
    REPLICATE,
    /** Wrap around: {@code [a b c] -> c [a b c] a}. */
    CIRCULAR
}
