package org.convlab.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The text of a JSON config file, checked before parsing: UTF-8, and of a size a config can have. */
final class ConfigText {
    /** A config lists layers and their settings: kilobytes. A larger file is not a config. */
    static final long MAX_BYTES = 16L << 20;

    private ConfigText() {
    }

    /** @throws IllegalArgumentException for a file that is too large or not UTF-8 (the caller names the file) */
    static String read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException("model config: expected a JSON file of at most " + MAX_BYTES
                    + " bytes, found " + size);
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("model config: expected UTF-8 text, found bytes that are not ("
                    + e.getMessage() + ")", e);
        }
    }
}
