package org.convlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "6.661338147750939E-16, 6.7e-16",
        "1.0E-12, 1e-12",
        "-2.5E-7, -2.5e-7",
        "9.96E-5, 1e-4",
        "1.5E20, 1.5e20",
        "0.30000000000000004, 0.3",
        "0.0165, 0.0165",
        "1.6115727502282633, 1.612",
        "1234.5678, 1235",
        "4, 4",
        "9999, 9999",
        "86400, '86,400'",
        "-3, -3",
        "NaN, NaN",
    })
    void formatsForPeople(double value, String expected) {
        assertEquals(expected, Numbers.format(value));
    }

    @Test
    void infinitiesAreSymbols() {
        assertEquals("∞", Numbers.format(Double.POSITIVE_INFINITY));
        assertEquals("-∞", Numbers.format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void timestampIsReadable() {
        assertEquals("2 Dec 2026, 13:28 UTC", Numbers.timestamp("2026-12-02T13:28:12.409883668Z"));
        assertEquals("yesterday", Numbers.timestamp("yesterday"), "not an instant: shown as given");
    }

    @ParameterizedTest(name = "{0} s -> {1}")
    @CsvSource({"0.34, 0.3 s", "9.94, 9.9 s", "42.4, 42 s", "187, 3 min 07 s", "600, 10 min 00 s"})
    void durationsAreReadable(double seconds, String expected) {
        assertEquals(expected, Numbers.duration(seconds));
    }

    @Test
    void rawDoublesInTextAreRewrittenAndEverythingElseKept() {
        assertEquals("differs by at most 6.7e-16 once flipped",
                Numbers.humanise("differs by at most 6.661338147750939E-16 once flipped"));
        assertEquals("ratio 0.3 (exact)", Numbers.humanise("ratio 0.30000000000000004 (exact)"));
        String formatted = "max diff 0.00e+00, 1.612 from g, 3x3, v1.2.3, 0.0165, 86400 multiplications, 1e-10";
        assertEquals(formatted, Numbers.humanise(formatted));
    }
}
