package org.convlab.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;

/**
 * The charts an experiment draws, each saved as PNG and SVG into one directory. File names are
 * {@code <prefix>-<name>.png|.svg}; every method returns the two written names relative to the
 * report's directory (e.g. {@code charts/dilated-receptive-field.png}), and {@link #written()}
 * collects all of them for the report. Rendering is headless.
 */
public final class Charts {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final int LINE_WIDTH = 760;
    private static final int LINE_HEIGHT = 460;
    private static final int PANEL_WIDTH = 380;
    private static final int PANEL_HEIGHT = 360;

    private final Path dir;
    private final String relativeDir;
    private final String prefix;
    private final List<String> written = new ArrayList<>();

    /**
     * @param dir where the files go
     * @param relativeDir how the report refers to {@code dir}, e.g. {@code charts}
     * @param prefix put before every file name, e.g. the experiment id; empty for none
     */
    public Charts(Path dir, String relativeDir, String prefix) {
        this.dir = dir;
        this.relativeDir = relativeDir;
        this.prefix = prefix;
    }

    /** A line chart of several named series; with {@code logY}, values {@code <= 0} are left out. */
    public List<String> line(String name, String title, String xLabel, String yLabel, List<LineSeries> series,
            boolean logY) {
        return save(name, single(PlotCharts.line(title, xLabel, yLabel, series, logY)), LINE_WIDTH, LINE_HEIGHT);
    }

    /** A bar chart: the bars of one category side by side, one per series, in first-seen order. */
    public List<String> bars(String name, String title, String categoryLabel, String valueLabel, List<Bar> bars) {
        return save(name, single(PlotCharts.bars(title, categoryLabel, valueLabel, bars)), LINE_WIDTH, LINE_HEIGHT);
    }

    /**
     * One heatmap of {@code values[row][column]} with its colour legend: diverging around zero when
     * any value is negative, sequential otherwise.
     */
    public List<String> heatmap(String name, String title, String xLabel, String yLabel, double[][] values) {
        HeatmapPanel panel = new HeatmapPanel(title, values);
        JFreeChart chart = HeatmapCharts.heatmap(panel.title(), xLabel, yLabel, panel.values());
        return save(name, single(chart), PANEL_WIDTH + 120, PANEL_HEIGHT + 60);
    }

    /**
     * Heatmaps side by side under one title, e.g. the kernel g, flip(g) and the learned kernel; each
     * panel has its own legend, since learned values need not share the range of the others.
     */
    public List<String> heatmaps(String name, String title, String xLabel, String yLabel, List<HeatmapPanel> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("heatmap row '" + name + "' has no panels");
        }
        List<JFreeChart> charts = panels.stream()
                .map(p -> HeatmapCharts.heatmap(p.title(), xLabel, yLabel, p.values()))
                .toList();
        return save(name, new TitledRow(title, charts), PANEL_WIDTH * panels.size(),
                PANEL_HEIGHT + TitledRow.TITLE_HEIGHT);
    }

    /** Grayscale or RGB images in a grid of {@code columns}, each under its caption. */
    public List<String> tiles(String name, String title, List<ImageTile> tiles, int columns) {
        TileGrid grid = new TileGrid(title, tiles, columns);
        return save(name, grid, grid.preferredWidth(), grid.preferredHeight());
    }

    /**
     * Bars with a dashed horizontal reference line, e.g. the break-even speed-up 1.0, labelled
     * {@code referenceLabel}; the value axis starts at 0 and always shows the reference.
     */
    public List<String> barsWithReference(String name, String title, String categoryLabel, String valueLabel,
            List<Bar> bars, double reference, String referenceLabel) {
        return save(name, single(EvidencePlots.barsWithReference(title, categoryLabel, valueLabel, bars, reference,
                referenceLabel)), LINE_WIDTH, LINE_HEIGHT);
    }

    /**
     * Measured lines (solid) judged against reference lines (dashed) and a grey band (null), e.g. a
     * score against its permutation null and a control; {@code band} may be null.
     */
    public List<String> linesWithBand(String name, String title, String xLabel, String yLabel,
            List<LineSeries> measured, List<LineSeries> references, Band band) {
        return save(name, single(EvidencePlots.linesWithBand(title, xLabel, yLabel, measured, references, band)),
                LINE_WIDTH, LINE_HEIGHT);
    }

    /**
     * Heatmaps side by side on ONE colour scale from {@code lower} to {@code upper} (so that panels
     * compare), each with lines between its blocks: {@code blocks[i]} equal blocks of rows and of
     * columns in panel i (1 for none).
     */
    public List<String> blockHeatmaps(String name, String title, String xLabel, String yLabel,
            List<HeatmapPanel> panels, int[] blocks, double lower, double upper) {
        if (panels.isEmpty() || blocks.length != panels.size()) {
            throw new IllegalArgumentException("heatmap row '" + name + "' needs one block count per panel: "
                    + panels.size() + " panels, " + blocks.length + " block counts");
        }
        List<JFreeChart> charts = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            double[][] v = panels.get(i).values();
            charts.add(EvidencePlots.heatmap(panels.get(i).title(), xLabel, yLabel, v, lower, upper,
                    v.length / blocks[i] < v.length ? v.length / blocks[i] : 0,
                    v[0].length / blocks[i] < v[0].length ? v[0].length / blocks[i] : 0, true));
        }
        return save(name, new TitledRow(title, charts), PANEL_WIDTH * panels.size(),
                PANEL_HEIGHT + TitledRow.TITLE_HEIGHT);
    }

    /**
     * Tiles that are compared with each other, e.g. learned filters: all drawn on ONE scale from
     * {@code -bound} to {@code bound} with 0 mid-grey, so that a weak filter looks weak and a grey one grey.
     */
    public List<String> tilesOnSharedScale(String name, String title, List<ImageTile> tiles, int columns,
            double bound) {
        if (!(bound > 0)) {
            throw new IllegalArgumentException("shared tile scale bound must be > 0, got " + bound);
        }
        TileGrid grid = new TileGrid(title, tiles, columns, bound);
        return save(name, grid, grid.preferredWidth(), grid.preferredHeight());
    }

    /** Points without lines, one colour per series: e.g. one value per filter, grouped along x. */
    public List<String> dots(String name, String title, String xLabel, String yLabel, List<LineSeries> series) {
        return save(name, single(EvidencePlots.dots(title, xLabel, yLabel, series)), LINE_WIDTH, LINE_HEIGHT);
    }

    /** Every file written so far, in order, relative to the report's directory. */
    public List<String> written() {
        return List.copyOf(written);
    }

    private static Drawing single(JFreeChart chart) {
        return chart::draw;
    }

    private List<String> save(String name, Drawing drawing, int width, int height) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("chart name '" + name
                    + "' must be letters, digits, '-' or '_' (it becomes a file name)");
        }
        String baseName = prefix.isEmpty() ? name : prefix + "-" + name;
        try {
            List<String> files = ChartFiles.save(drawing, width, height, dir, relativeDir, baseName);
            written.addAll(files);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + baseName + " to " + dir, e);
        }
    }
}
