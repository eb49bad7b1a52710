package org.convlab.experiments;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** The check every experiment test makes of its charts: each PNG decodes as an image of a usable width. */
public final class ChartAssertions {
    private ChartAssertions() {
    }

    /** Every {@code .png} among {@code files} (relative to {@code dir}) decodes and is at least 300 px wide. */
    public static void assertPngsDecode(Path dir, List<String> files) throws IOException {
        for (String file : files) {
            if (file.endsWith(".png")) {
                BufferedImage image = ImageIO.read(dir.resolve(file).toFile());
                assertNotNull(image, file);
                assertTrue(image.getWidth() >= 300, file + " is " + image.getWidth() + " wide");
            }
        }
    }
}
