package org.convlab.experiments;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The settings every experiment of one run shares.
 *
 * @param outDir where the report and the {@code charts/} directory go
 * @param seed the random seed
 * @param quick whether to use the small budgets (same verdict logic, less training)
 * @param showProgress whether to draw progress bars (true on a terminal)
 */
public record RunSettings(Path outDir, long seed, boolean quick, boolean showProgress) {

    public RunSettings {
        Objects.requireNonNull(outDir, "outDir");
    }

    /** Settings that draw progress bars only when a terminal is attached. */
    public static RunSettings of(Path outDir, long seed, boolean quick) {
        return new RunSettings(outDir, seed, quick, System.console() != null);
    }

    /** The charts directory inside {@link #outDir}. */
    public Path chartDir() {
        return outDir.resolve(CHARTS);
    }

    /** Name of the charts directory, also the prefix of every chart file name in a result. */
    public static final String CHARTS = "charts";
}
