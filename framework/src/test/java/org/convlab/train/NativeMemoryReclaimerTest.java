package org.convlab.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NativeMemoryReclaimerTest {

    @AfterEach
    void clear() {
        System.clearProperty("convlab.gcIntervalMillis");
    }

    @Test
    void aBadIntervalIsRefusedNamingThePropertyAndTheValue() {
        System.setProperty("convlab.gcIntervalMillis", "soon");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, NativeMemoryReclaimer::fromSystemProperty);
        assertTrue(e.getMessage().contains("convlab.gcIntervalMillis") && e.getMessage().contains("'soon'"), e.getMessage());
        System.setProperty("convlab.gcIntervalMillis", "-5");
        e = assertThrows(IllegalArgumentException.class, NativeMemoryReclaimer::fromSystemProperty);
        assertTrue(e.getMessage().contains("-5"), e.getMessage());
    }
}
