package org.convlab.engine;

/**
 * The two orders a chunk of samples takes: sample-major [N, C, positions] (the arrays' layout)
 * and channel-major [channels of a group, samples x positions] (one GEMM operand for the chunk).
 * Both moves are runs of {@code System.arraycopy} over rows of {@code positions} elements.
 */
final class SampleChunks {
    private SampleChunks() {
    }

    /** chunk[o][j*p ..] -> all[first + j][channelOffset + o][..]. */
    static void toSampleMajor(Object chunk, int count, int channels, int p, Object all, int first, int allChannels,
            int channelOffset) {
        for (int o = 0; o < channels; o++) {
            for (int j = 0; j < count; j++) {
                System.arraycopy(chunk, (o * count + j) * p, all, ((first + j) * allChannels + channelOffset + o) * p, p);
            }
        }
    }

    /** all[first + j][channelOffset + o][..] -> chunk[o][j*p ..]. */
    static void toChannelMajor(Object all, int first, int allChannels, int channelOffset, Object chunk, int count,
            int channels, int p) {
        for (int o = 0; o < channels; o++) {
            for (int j = 0; j < count; j++) {
                System.arraycopy(all, ((first + j) * allChannels + channelOffset + o) * p, chunk, (o * count + j) * p, p);
            }
        }
    }
}
