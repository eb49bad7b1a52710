package org.convlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunEnvironmentTest {

    @Test
    void commandLineIsWhatFollowsTheJarAsTheUserTypedIt() {
        assertEquals("./convlab reproduce --out 'my report' --seed 7", RunEnvironment.typedCommand(List.of(
                "-Xmx8g", "-jar", "/home/u/convlab/examples/target/convlab.jar", "reproduce", "--out", "my report",
                "--seed", "7")));
    }

    @Test
    void commandLineFromTheMainClass() {
        assertEquals("./convlab run dilated", RunEnvironment.typedCommand(List.of("-cp", "a:b",
                "org.convlab.cli.ConvLabCommand", "run", "dilated")));
    }

    @Test
    void anotherProgramHasNoConvlabCommandLine() {
        assertEquals("", RunEnvironment.typedCommand(List.of("-cp", "x.jar", "com.example.MyApp", "run")));
    }

    @Test
    void currentEnvironmentIsCapturedOnceAndNamesTheNd4jBuild() {
        RunEnvironment env = RunEnvironment.current();
        assertSame(env, RunEnvironment.current());
        assertTrue(env.cores() >= 1);
        assertFalse(env.cpu().isBlank());
        assertTrue(env.java().startsWith(System.getProperty("java.version")));
        // Maven filters the version and classifier into convlab.properties at build time.
        assertTrue(env.nd4j().startsWith("1.0.0-M2.1 ("), env.nd4j());
        assertFalse(env.nd4j().contains("${"), env.nd4j());
    }
}
