package org.convlab.draw;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The convolution types {@code convlab draw} knows, by their command-line names. */
public enum ConvType {
    CONV("conv", "Conv", 1, 2),
    TRUE_CONV("true-conv", "TrueConv", 1, 2),
    TRANSPOSED("transposed", "ConvTranspose", 1, 2),
    DILATED("dilated", "dilated Conv", 1, 2),
    SPATIALLY_SEPARABLE("spatially-separable", "SpatiallySeparableConv", 2, 2),
    DEPTHWISE("depthwise", "DepthwiseConv", 1, 2),
    POINTWISE("pointwise", "PointwiseConv", 1, 2),
    DEPTHWISE_SEPARABLE("depthwise-separable", "DepthwiseSeparableConv", 2, 2),
    GROUPED("grouped", "GroupedConv", 1, 2),
    CONV3D("conv3d", "Conv", 3, 3);

    private final String cliName;
    private final String layerStem;
    private final int minRank;
    private final int maxRank;

    ConvType(String cliName, String layerStem, int minRank, int maxRank) {
        this.cliName = cliName;
        this.layerStem = layerStem;
        this.minRank = minRank;
        this.maxRank = maxRank;
    }

    public String cliName() {
        return cliName;
    }

    /** The layer's class name at {@code rank}, e.g. ConvTranspose2d. */
    String layerName(int rank) {
        return layerStem + rank + "d";
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
