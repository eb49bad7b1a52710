package org.convlab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convlab.experiments.ExperimentResult;

/**
 * A run of some experiments ({@code convlab run ID...}) into a directory that already holds a report
 * updates that report instead of replacing it: the experiments that ran replace their earlier
 * results (in their earlier place), the others are kept. Chart files that the earlier report listed
 * and the new one does not are stale and removed; nothing else in the directory is touched.
 */
public final class ReportMerge {
    private ReportMerge() {
    }

    /** What a write changed: the merged report and the stale chart files to remove. */
    public record Outcome(RunReport report, List<String> kept, List<String> staleCharts) {
    }

    /**
     * The report to write into {@code outDir} for a run that produced {@code latest}.
     *
     * @param merge true for a partial run ({@code convlab run}): keep the earlier results of the
     *     experiments that did not run; false for a full run ({@code reproduce}): replace them all
     * @throws IOException when the earlier results.json exists but cannot be read
     */
    public static Outcome plan(Path outDir, RunReport latest, boolean merge) throws IOException {
        RunReport earlier = earlier(outDir);
        if (earlier == null) {
            return new Outcome(latest, List.of(), List.of());
        }
        RunReport report = latest;
        List<String> kept = new ArrayList<>();
        if (merge) {
            Map<String, ExperimentResult> byId = new LinkedHashMap<>();
            earlier.results().forEach(r -> byId.put(r.id(), r));
            Set<String> kept0 = new LinkedHashSet<>(byId.keySet());
            for (ExperimentResult r : latest.results()) {
                byId.put(r.id(), r); // an earlier id keeps its place, a new one goes last
                kept0.remove(r.id());
            }
            kept.addAll(kept0);
            if (!kept.isEmpty()) {
                report = new RunReport(latest.createdAt(), latest.seed(), latest.quick(), new ArrayList<>(byId.values()),
                        latest.untested(), latest.results().stream().map(ExperimentResult::id).toList(),
                        earlier.isUpdate() && earlier.earlierRun() != null ? earlier.earlierRun() : earlier.createdAt(),
                        latest.environment());
            }
        }
        Set<String> current = new LinkedHashSet<>();
        report.results().forEach(r -> current.addAll(r.charts()));
        List<String> stale = new ArrayList<>();
        for (ExperimentResult r : earlier.results()) {
            for (String chart : r.charts()) {
                if (!current.contains(chart) && isChartFile(chart)) {
                    stale.add(chart);
                }
            }
        }
        return new Outcome(report, List.copyOf(kept), List.copyOf(stale));
    }

    /** Deletes the stale chart files (missing ones are fine). */
    public static void removeStale(Path outDir, List<String> staleCharts) throws IOException {
        for (String chart : staleCharts) {
            Files.deleteIfExists(outDir.resolve(chart));
        }
    }

    // Only files inside charts/ are ours to delete: a hand-edited results.json must not name others.
    private static boolean isChartFile(String chart) {
        Path p = Path.of(chart).normalize();
        return p.getNameCount() == 2 && p.getName(0).toString().equals("charts") && !p.isAbsolute();
    }

    private static RunReport earlier(Path outDir) throws IOException {
        Path file = outDir.resolve(ReportWriter.JSON);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return ReportJson.read(file);
        } catch (IOException e) {
            throw new IOException("cannot update the report in " + outDir + ": its " + ReportWriter.JSON
                    + " is not a report this version can read; move it away or choose another --out", e);
        }
    }
}
