package org.convlab.draw;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes scenes: a still as PNG and SVG (one scene painted twice), an animation as a looping GIF
 * (javax.imageio, NETSCAPE2.0 loop extension) and one SVG per frame. Every file is written to a
 * temporary name first and moved into place, so a failed write leaves an old file intact.
 */
final class SceneFiles {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private SceneFiles() {
    }

    /** Writes {@code base.png} and {@code base.svg}; returns both paths. */
    static List<Path> still(Scene scene, Path base) throws IOException {
        Path png = sibling(base, ".png");
        Path svg = sibling(base, ".svg");
        writePng(scene, png);
        writeSvg(scene, svg);
        return List.of(png, svg);
    }

    static void writePng(Scene scene, Path file) throws IOException {
        BufferedImage image = render(scene);
        atomically(file, tmp -> {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    static void writeSvg(Scene scene, Path file) throws IOException {
        SVGGraphics2D svg = new SVGGraphics2D(scene.width(), scene.height());
        svg.setColor(Color.WHITE);
        svg.fillRect(0, 0, scene.width(), scene.height());
        scene.paint(svg);
        String doc = svg.getSVGDocument();
        atomically(file, tmp -> Files.writeString(tmp, doc, StandardCharsets.UTF_8));
    }

    static BufferedImage render(Scene scene) {
        BufferedImage image = new BufferedImage(scene.width(), scene.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, scene.width(), scene.height());
            scene.paint(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Writes {@code base.gif} (looping forever, {@code delayMs} per frame, the last frame held
     * three times as long) and {@code base-frames/frame-NNN.svg}; returns the GIF and the frame files.
     */
    static List<Path> animation(List<Scene> frames, Path base, int delayMs) throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an animation needs at least one frame");
        }
        List<Path> written = new ArrayList<>();
        Path gif = sibling(base, ".gif");
        atomically(gif, tmp -> writeGif(frames, tmp, delayMs));
        written.add(gif);
        Path dir = base.resolveSibling(base.getFileName() + "-frames");
        Files.createDirectories(dir);
        for (int i = 0; i < frames.size(); i++) {
            Path svg = dir.resolve(String.format("frame-%03d.svg", i + 1));
            writeSvg(frames.get(i), svg);
            written.add(svg);
        }
        return written;
    }

    private static void writeGif(List<Scene> frames, Path file, int delayMs) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            BufferedImage previous = null;
            for (int i = 0; i < frames.size(); i++) {
                BufferedImage image = indexed(render(frames.get(i)));
                int delay = i == frames.size() - 1 ? delayMs * 3 : delayMs;
                // After the first frame only the rectangle that changed is stored (the rest stays on screen):
                // the kernel moves, everything else is still, so the file stays small.
                java.awt.Rectangle changed = previous == null ? new java.awt.Rectangle(0, 0, image.getWidth(),
                        image.getHeight()) : changed(previous, image);
                BufferedImage part = crop(image, changed);
                IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(part), null);
                frameMetadata(meta, delay, i == 0, changed);
                writer.writeToSequence(new IIOImage(part, null, meta), null);
                previous = image;
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    /** The bounding box of the pixels that differ (at least one pixel, so every frame has an image). */
    private static java.awt.Rectangle changed(BufferedImage a, BufferedImage b) {
        java.awt.image.Raster ra = a.getRaster();
        java.awt.image.Raster rb = b.getRaster();
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (ra.getSample(x, y, 0) != rb.getSample(x, y, 0)) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (maxX < 0) {
            return new java.awt.Rectangle(0, 0, 1, 1);
        }
        return new java.awt.Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    private static BufferedImage crop(BufferedImage image, java.awt.Rectangle r) {
        if (r.x == 0 && r.y == 0 && r.width == image.getWidth() && r.height == image.getHeight()) {
            return image;
        }
        BufferedImage part = new BufferedImage(r.width, r.height, BufferedImage.TYPE_BYTE_INDEXED, GifPalette.MODEL);
        part.getRaster().setRect(-r.x, -r.y, image.getRaster().createChild(r.x, r.y, r.width, r.height, r.x, r.y,
                null));
        return part;
    }

    // One fixed palette for every frame: smaller GIFs and no colour flicker between frames.
    private static BufferedImage indexed(BufferedImage rgb) {
        return GifPalette.quantise(rgb);
    }

    private static void frameMetadata(IIOMetadata meta, int delayMs, boolean first, java.awt.Rectangle at)
            throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode descriptor = child(root, "ImageDescriptor");
        descriptor.setAttribute("imageLeftPosition", Integer.toString(at.x));
        descriptor.setAttribute("imageTopPosition", Integer.toString(at.y));
        descriptor.setAttribute("imageWidth", Integer.toString(at.width));
        descriptor.setAttribute("imageHeight", Integer.toString(at.height));
        descriptor.setAttribute("interlaceFlag", "FALSE");
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "doNotDispose");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.max(1, delayMs / 10)));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {0x1, 0, 0}); // sub-block 1, loop count 0 = forever
            apps.appendChild(loop);
        }
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    private static Path sibling(Path base, String extension) {
        return base.resolveSibling(base.getFileName() + extension);
    }

    private interface Writer {
        void write(Path tmp) throws IOException;
    }

    // A temporary file is private to its owner; a drawing is for everyone to read, like any other output.
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default permissions stand
        }
    }

    private static void atomically(Path file, Writer w) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            w.write(tmp);
            readableByAll(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
