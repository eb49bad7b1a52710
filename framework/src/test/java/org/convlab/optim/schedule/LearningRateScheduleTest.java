package org.convlab.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.convlab.nn.Parameter;
import org.convlab.optim.Optimizer;
import org.convlab.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class LearningRateScheduleTest {

    @Test
    void stepDecayHalvesEveryStepSize() {
        StepDecay s = new StepDecay(10, 0.5);
        assertEquals(0.1, s.learningRate(0.1, 0), 1e-15);
        assertEquals(0.1, s.learningRate(0.1, 9), 1e-15);
        assertEquals(0.05, s.learningRate(0.1, 10), 1e-15);
        assertEquals(0.025, s.learningRate(0.1, 25), 1e-15);
    }

    @Test
    void cosineAnnealingGoesFromBaseToMinimumThroughTheMidpoint() {
        CosineAnnealing s = new CosineAnnealing(10, 0.01);
        assertEquals(0.1, s.learningRate(0.1, 0), 1e-15);
        assertEquals(0.055, s.learningRate(0.1, 5), 1e-15); // halfway: the mean of base and minimum
        // cos(pi/4) = sqrt(2)/2 at a quarter of the way.
        assertEquals(0.01 + 0.09 * (1 + Math.sqrt(0.5)) / 2, new CosineAnnealing(8, 0.01).learningRate(0.1, 2),
                1e-15);
        assertEquals(0.01, s.learningRate(0.1, 10), 1e-15);
        assertEquals(0.01, s.learningRate(0.1, 37), 1e-15);
    }

    @Test
    void linearWarmupRampsThenHandsOverWithAFreshClock() {
        LinearWarmup s = new LinearWarmup(4, new StepDecay(2, 0.1));
        assertEquals(0.25, s.learningRate(1.0, 0), 1e-15);
        assertEquals(0.5, s.learningRate(1.0, 1), 1e-15);
        assertEquals(1.0, s.learningRate(1.0, 3), 1e-15);
        assertEquals(1.0, s.learningRate(1.0, 4), 1e-15);  // StepDecay at its t = 0
        assertEquals(1.0, s.learningRate(1.0, 5), 1e-15);
        assertEquals(0.1, s.learningRate(1.0, 6), 1e-15);  // StepDecay at its t = 2
        assertEquals(2.0, new LinearWarmup(3).learningRate(2.0, 100), 1e-15);
    }

    @Test
    void applySetsTheOptimizersRate() {
        Optimizer opt = SGD.builder(List.of(new Parameter("w", Nd4j.createFromArray(1.0))), 0.1).build();
        new StepDecay(1, 0.5).apply(opt, 0.1, 3);
        assertEquals(0.0125, opt.learningRate(), 1e-15);
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(3, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new CosineAnnealing(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LinearWarmup(0));
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(3, 0.5).learningRate(1, -1));
    }
}
