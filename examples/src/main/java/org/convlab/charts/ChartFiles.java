package org.convlab.charts;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;

/** Saves one drawing twice: as a PNG for reports and as an SVG for print and zooming. */
final class ChartFiles {

    static {
        // Charts are drawn on servers and in CI without a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartFiles() {
    }

    /** Writes {@code <dir>/<baseName>.png} and {@code .svg}; returns both paths as given by {@code prefix}. */
    static List<String> save(Drawing drawing, int width, int height, Path dir, String prefix, String baseName)
            throws IOException {
        Files.createDirectories(dir);
        Rectangle2D area = new Rectangle2D.Double(0, 0, width, height);

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D png = image.createGraphics();
        try {
            png.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            png.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            png.setColor(Color.WHITE);
            png.fill(area);
            drawing.draw(png, area);
        } finally {
            png.dispose();
        }
        String pngName = baseName + ".png";
        if (!ImageIO.write(image, "png", dir.resolve(pngName).toFile())) {
            throw new IOException("no PNG writer available");
        }

        SVGGraphics2D svg = new SVGGraphics2D(width, height);
        svg.setColor(Color.WHITE);
        svg.fill(area);
        drawing.draw(svg, area);
        String svgName = baseName + ".svg";
        Files.writeString(dir.resolve(svgName), svg.getSVGDocument(), StandardCharsets.UTF_8);

        return List.of(prefix + "/" + pngName, prefix + "/" + svgName);
    }
}
