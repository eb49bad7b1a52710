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

    /**
     * A line chart of several named series; with {@code logY}, values {@code <= 0} are left out.
     * Reference series ({@link LineSeries#asReference()}) are dashed and drawn over the measured ones.
     */
    public List<String> line(String name, String title, String xLabel, String yLabel, List<LineSeries> series,
            boolean logY) {
        return line(name, title, xLabel, yLabel, series, logY, List.of());
    }

    /** A line chart with horizontal reference levels (a bound, a floor), dashed and labelled. */
    public List<String> line(String name, String title, String xLabel, String yLabel, List<LineSeries> series,
            boolean logY, List<ReferenceLine> levels) {
        return save(name, single(PlotCharts.line(title, xLabel, yLabel, series, logY, levels), LINE_WIDTH),
                LINE_WIDTH, LINE_HEIGHT);
    }

    /** A bar chart: the bars of one category side by side, one per series, in first-seen order. */
    public List<String> bars(String name, String title, String categoryLabel, String valueLabel, List<Bar> bars) {
        return bars(name, title, categoryLabel, valueLabel, bars, List.of());
    }

    /** A bar chart with horizontal reference levels, e.g. a break-even line at 1.0. */
    public List<String> bars(String name, String title, String categoryLabel, String valueLabel, List<Bar> bars,
            List<ReferenceLine> levels) {
        return save(name, single(PlotCharts.bars(title, categoryLabel, valueLabel, bars, levels), LINE_WIDTH),
                LINE_WIDTH, LINE_HEIGHT);
    }

    /**
     * A dot chart: one dot per category (and series) with its value printed beside it, on an axis
     * that spans the values instead of starting at zero. Use it where the difference between values
     * is the point and bars from zero would hide it.
     */
    public List<String> dots(String name, String title, String categoryLabel, String valueLabel, List<Bar> dots) {
        return dots(name, title, categoryLabel, valueLabel, dots, List.of());
    }

    /** A dot chart with vertical reference levels across the value axis. */
    public List<String> dots(String name, String title, String categoryLabel, String valueLabel, List<Bar> dots,
            List<ReferenceLine> levels) {
        long categories = dots.stream().map(Bar::category).distinct().count();
        int height = (int) Math.min(LINE_HEIGHT, 170 + 56 * categories);
        return save(name, single(PlotCharts.dots(title, categoryLabel, valueLabel, dots, levels), LINE_WIDTH),
                LINE_WIDTH, height);
    }

    /**
     * One heatmap of {@code values[row][column]} with its colour legend: diverging around zero when
     * any value is negative, sequential otherwise.
     */
    public List<String> heatmap(String name, String title, String xLabel, String yLabel, double[][] values) {
        HeatmapPanel panel = new HeatmapPanel(title, values);
        int width = PANEL_WIDTH + 120;
        JFreeChart chart = HeatmapCharts.heatmap(panel.title(), xLabel, yLabel, panel.values());
        return save(name, single(chart, width), width, PANEL_HEIGHT + 60);
    }

    /**
     * Heatmaps under one title, e.g. the kernel g, flip(g) and the learned kernel, on one shared
     * colour scale (a colour means the same value in every panel) with one legend; up to three
     * panels a row.
     */
    public List<String> heatmaps(String name, String title, String xLabel, String yLabel, List<HeatmapPanel> panels) {
        return heatmaps(name, title, xLabel, yLabel, panels, "value");
    }

    /** As {@link #heatmaps(String, String, String, String, List)}, naming what the colour legend measures. */
    public List<String> heatmaps(String name, String title, String xLabel, String yLabel, List<HeatmapPanel> panels,
            String valueLabel) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("heatmap row '" + name + "' has no panels");
        }
        ColourScale scale = ColourScale.forPanels(panels.stream().map(HeatmapPanel::values).toList());
        List<JFreeChart> charts = panels.stream()
                .map(p -> HeatmapCharts.panel(TextWrap.wrap(p.title(), ChartStyle.PANEL_TITLE_FONT,
                        HeatmapGrid.PANEL - 2 * ChartStyle.MARGIN), xLabel, yLabel, p.values(), scale))
                .toList();
        HeatmapGrid grid = new HeatmapGrid(title, charts, HeatmapCharts.legend(scale, valueLabel));
        return save(name, grid, grid.preferredWidth(), grid.preferredHeight());
    }

    /**
     * A confusion matrix, {@code counts[true class][predicted class]}: class names on both axes and
     * the count written in every cell.
     */
    public List<String> confusion(String name, String title, List<String> classNames, long[][] counts) {
        if (counts.length != classNames.size()
                || java.util.Arrays.stream(counts).anyMatch(row -> row.length != classNames.size())) {
            throw new IllegalArgumentException("confusion matrix '" + name + "' must be " + classNames.size() + "x"
                    + classNames.size() + " for " + classNames.size() + " class names");
        }
        int width = 640;
        return save(name, single(HeatmapCharts.confusion(title, classNames, counts), width), width, 600);
    }

    /**
     * A small table of numbers as a heatmap, each cell named by its row and column and showing its
     * value, e.g. output sizes by stride (rows) and padding (columns). Sequential colours for
     * non-negative values, diverging around zero otherwise.
     */
    public List<String> valueGrid(String name, String title, String xLabel, List<String> columnNames, String yLabel,
            List<String> rowNames, double[][] values) {
        HeatmapPanel panel = new HeatmapPanel(title, values);
        if (rowNames.size() != values.length || columnNames.size() != values[0].length) {
            throw new IllegalArgumentException("value grid '" + name + "' is " + values.length + "x" + values[0].length
                    + " but has " + rowNames.size() + " row names and " + columnNames.size() + " column names");
        }
        int width = PANEL_WIDTH + 120;
        JFreeChart chart = HeatmapCharts.labelled(panel.title(), xLabel, columnNames, yLabel, rowNames, values,
                ColourScale.forValues(values), "value");
        return save(name, single(chart, width), width, PANEL_HEIGHT + 60);
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
                referenceLabel), LINE_WIDTH), LINE_WIDTH, LINE_HEIGHT);
    }

    /**
     * Measured lines (solid) judged against reference lines (dashed) and a grey band (null), e.g. a
     * score against its permutation null and a control; {@code band} may be null.
     */
    public List<String> linesWithBand(String name, String title, String xLabel, String yLabel,
            List<LineSeries> measured, List<LineSeries> references, Band band) {
        return save(name, single(EvidencePlots.linesWithBand(title, xLabel, yLabel, measured, references, band),
                LINE_WIDTH),
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
                    v[0].length / blocks[i] < v[0].length ? v[0].length / blocks[i] : 0, false));
        }
        HeatmapGrid grid = new HeatmapGrid(title, charts, EvidencePlots.sequentialLegend(lower, upper));
        return save(name, grid, grid.preferredWidth(), grid.preferredHeight());
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
    public List<String> seriesDots(String name, String title, String xLabel, String yLabel, List<LineSeries> series) {
        return save(name, single(EvidencePlots.dots(title, xLabel, yLabel, series), LINE_WIDTH), LINE_WIDTH,
                LINE_HEIGHT);
    }

    /** Every file written so far, in order, relative to the report's directory. */
    public List<String> written() {
        return List.copyOf(written);
    }

    // The title broken at spaces to the image's width, before JFreeChart would break it inside a word.
    private static Drawing single(JFreeChart chart, int width) {
        if (chart.getTitle() != null) {
            chart.getTitle().setText(TextWrap.wrap(chart.getTitle().getText(), ChartStyle.TITLE_FONT,
                    width - 4.0 * ChartStyle.MARGIN));
        }
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
