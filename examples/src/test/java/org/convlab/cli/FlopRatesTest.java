package org.convlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;

class FlopRatesTest {

    @Test
    void averageTimeInMicrosecondsIsConvertedToSeconds() {
        assertEquals(1e-3, FlopRates.secondsPerCall(Mode.AverageTime, TimeUnit.MICROSECONDS, 1000).orElseThrow(), 1e-15);
    }

    @Test
    void throughputIsInvertedToSecondsPerCall() {
        assertEquals(1e-3, FlopRates.secondsPerCall(Mode.Throughput, TimeUnit.SECONDS, 1000).orElseThrow(), 1e-15);
    }

    @Test
    void modesWithoutATimePerCallGiveNoRate() {
        assertTrue(FlopRates.secondsPerCall(Mode.All, TimeUnit.SECONDS, 1).isEmpty());
    }
}
