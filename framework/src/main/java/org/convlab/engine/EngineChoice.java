package org.convlab.engine;

import java.util.Locale;

/**
 * Which implementation a convolution runs on: a user setting, global ({@link #setDefault}) and per
 * layer (the builders' {@code .engine(...)}).
 * <ul>
 *   <li>{@link #AUTO}: the fastest correct algorithm for the geometry and data type, by fixed rules
 *       (measured once, written down in {@link ConvAlgorithms}), never by timing at run time, so the
 *       same model gives the same bits on every run;</li>
 *   <li>{@link #NATIVE}: ND4J's own convolution ops wherever they can compute the geometry, else the
 *       fallback {@code AUTO} would pick (the choice is shown by the layer's {@code toString});</li>
 *   <li>{@link #LOWERED}: im2col / vol2col + GEMM for everything: the readable reference path.</li>
 * </ul>
 * The global default starts as the system property {@code convlab.engine} (auto, native or lowered),
 * else {@code AUTO}.
 */
public enum EngineChoice {
    AUTO, NATIVE, LOWERED;

    private static volatile EngineChoice global = fromProperty();

    /** The choice of layers built without {@code .engine(...)}. */
    public static EngineChoice getDefault() {
        return global;
    }

    /** Sets the choice of every layer built without {@code .engine(...)}, also of layers built earlier. */
    public static void setDefault(EngineChoice choice) {
        if (choice == null) {
            throw new IllegalArgumentException("engine must be one of auto, native, lowered, got null");
        }
        global = choice;
    }

    /** {@code auto}, {@code native} or {@code lowered}, any case. */
    public static EngineChoice parse(String word) {
        String w = word == null ? "" : word.trim().toUpperCase(Locale.ROOT);
        for (EngineChoice c : values()) {
            if (c.name().equals(w)) {
                return c;
            }
        }
        throw new IllegalArgumentException("engine must be one of auto, native, lowered, got '" + word + "'");
    }

    private static EngineChoice fromProperty() {
        String p = System.getProperty("convlab.engine");
        return p == null || p.isBlank() ? AUTO : parse(p);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
