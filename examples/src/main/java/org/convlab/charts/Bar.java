package org.convlab.charts;

/**
 * One bar of a grouped bar chart: the bars of one category stand side by side, one per series.
 *
 * @param series the legend entry, e.g. "standard 3x3"
 * @param category the group on the category axis, e.g. "5x5 image"
 * @param value the bar's height
 */
public record Bar(String series, String category, double value) {
}
