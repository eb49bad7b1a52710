package org.convlab.nn.conv;

/** Shape helpers for the tests. */
final class ConvEngineShapes {
    private ConvEngineShapes() {
    }

    /** [1, channels, 1, ...] of the given rank, to broadcast a bias over [N, C, spatial...]. */
    static long[] channelBroadcast(int rank, long channels) {
        long[] s = new long[rank];
        java.util.Arrays.fill(s, 1);
        s[1] = channels;
        return s;
    }
}
