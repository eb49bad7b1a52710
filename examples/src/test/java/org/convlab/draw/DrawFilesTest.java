package org.convlab.draw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/** The files {@code convlab draw} writes: decodable PNGs, SVGs, a looping GIF under 1 MB, one SVG per frame. */
class DrawFilesTest {

    @TempDir
    Path dir;

    @Test
    void articleTransposedSettingsGiveStillAnimationAndBothMatrices() throws IOException {
        DrawSettings s = DrawSettings.builder(ConvType.TRANSPOSED, 2, 2).kernel(3).stride(2).build();
        List<Path> files = ConvDrawings.draw(s, DrawOptions.still().withAnimation().withMatrix(), dir.resolve("t"));
        assertTrue(files.contains(dir.resolve("t.png")) && files.contains(dir.resolve("t.svg")));
        assertTrue(files.contains(dir.resolve("t-matrix.png")) && files.contains(dir.resolve("t-matrix-T.svg")));
        BufferedImage still = ImageIO.read(dir.resolve("t.png").toFile());
        assertNotNull(still);
        assertTrue(still.getWidth() > 300 && still.getHeight() > 200);
        assertTrue(Files.readString(dir.resolve("t.svg")).contains("<svg"));
        Path gif = dir.resolve("t.gif");
        assertTrue(Files.size(gif) < 1_000_000, "GIF under 1 MB: " + Files.size(gif));
        assertEquals(25, gifFrames(gif), "one frame per output position of the 5x5 output");
        assertTrue(loopsForever(gif));
        for (int i = 1; i <= 25; i++) {
            assertTrue(files.contains(dir.resolve(String.format("t-frames/frame-%03d.svg", i))));
        }
        // The still and the first frame are drawn from the same scene code: same size.
        BufferedImage first = ImageIO.read(gif.toFile());
        assertEquals(still.getHeight(), first.getHeight());
    }

    @Test
    void articleDepthwiseSeparableAnimationStaysUnderOneMegabyte() throws IOException {
        // 7x7x3 -> 5x5x3 -> 5x5x128: the largest of the article's pictures, 25 + 25 frames.
        DrawSettings s = DrawSettings.builder(ConvType.DEPTHWISE_SEPARABLE, 7, 7).channels(3).outChannels(128)
                .build();
        ConvDrawings.draw(s, DrawOptions.still().withAnimation(), dir.resolve("dws"));
        Path gif = dir.resolve("dws.gif");
        assertEquals(50, gifFrames(gif));
        assertTrue(Files.size(gif) < 1_000_000, "GIF under 1 MB: " + Files.size(gif));
    }

    @Test
    void everyTypeDrawsAStillThatDecodes() throws IOException {
        for (ConvType t : ConvType.values()) {
            int[] input = t == ConvType.CONV3D ? new int[] {3, 4, 4} : new int[] {5, 5};
            DrawSettings s = DrawSettings.builder(t, input).build();
            List<Path> files = ConvDrawings.draw(s, DrawOptions.still().withValues(), dir.resolve(t.cliName()));
            BufferedImage image = ImageIO.read(files.get(0).toFile());
            assertNotNull(image, t.cliName());
        }
    }

    @Test
    void dilatedStackDrawsTheReceptiveFieldsOfTheArticle() throws IOException {
        ReceptiveFieldDiagram rf = new ReceptiveFieldDiagram(3, new int[] {1, 2, 4});
        // (k - 1) * (sum of the rates so far) + 1: 3, 7, 15 as the article says.
        assertArrayEquals(new int[] {3, 7, 15}, rf.fieldSides());
        List<Path> files = ConvDrawings.draw(DrawSettings.builder(ConvType.DILATED, 7, 7).build(),
                DrawOptions.still().withStack(1, 2, 4), dir.resolve("d"));
        assertTrue(files.contains(dir.resolve("d-receptive-field.png")));
        assertNotNull(ImageIO.read(dir.resolve("d-receptive-field.png").toFile()));
    }

    @Test
    void aFailedWriteLeavesTheOldFileIntact() throws IOException {
        Path base = dir.resolve("keep");
        Files.writeString(dir.resolve("keep.png"), "old");
        Files.createDirectories(dir.resolve("keep.svg")); // a directory where the SVG should go: the move fails
        DrawSettings s = DrawSettings.builder(ConvType.CONV, 4, 4).build();
        try {
            ConvDrawings.draw(s, DrawOptions.still(), base);
        } catch (IOException expected) {
            // the SVG could not replace a directory
        }
        assertTrue(Files.isDirectory(dir.resolve("keep.svg")));
        try (var listing = Files.list(dir)) {
            assertTrue(listing.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary left");
        }
    }

    private static int gifFrames(Path gif) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            return reader.getNumImages(true);
        }
    }

    private static boolean loopsForever(Path gif) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            IIOMetadataNode tree = (IIOMetadataNode) reader.getImageMetadata(0)
                    .getAsTree("javax_imageio_gif_image_1.0");
            NodeList apps = tree.getElementsByTagName("ApplicationExtension");
            for (int i = 0; i < apps.getLength(); i++) {
                IIOMetadataNode app = (IIOMetadataNode) apps.item(i);
                byte[] data = (byte[]) app.getUserObject();
                if ("NETSCAPE".equals(app.getAttribute("applicationID")) && data[1] == 0 && data[2] == 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
