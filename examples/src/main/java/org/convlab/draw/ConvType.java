package org.convlab.draw;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The convolution types {@code convlab draw} knows, by their command-line names. */
public enum ConvType {
    CONV("conv", 1, 2),
    TRUE_CONV("true-conv", 1, 2),
    TRANSPOSED("transposed", 1, 2),
    DILATED("dilated", 1, 2),
    SPATIALLY_SEPARABLE("spatially-separable", 2, 2),
    DEPTHWISE("depthwise", 1, 2),
    POINTWISE("pointwise", 1, 2),
    DEPTHWISE_SEPARABLE("depthwise-separable", 2, 2),
    GROUPED("grouped", 1, 2),
    CONV3D("conv3d", 3, 3);

    private final String cliName;
    private final int minRank;
    private final int maxRank;

    ConvType(String cliName, int minRank, int maxRank) {
        this.cliName = cliName;
        this.minRank = minRank;
        this.maxRank = maxRank;
    }

    public String cliName() {
        return cliName;
    }

    int minRank() {
        return minRank;
    }

    int maxRank() {
        return maxRank;
    }

    /** True for the types whose picture is about channels (each channel or group a colour). */
    boolean aboutChannels() {
        return this == DEPTHWISE || this == POINTWISE || this == DEPTHWISE_SEPARABLE || this == GROUPED;
    }

    /** @throws IllegalArgumentException naming the known types */
    public static ConvType parse(String name) {
        for (ConvType t : values()) {
            if (t.cliName.equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown convolution type '" + name + "'; expected one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(ConvType::cliName).collect(Collectors.joining(", "));
    }
}
