package org.convlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.convlab.engine.EngineChoice;
import org.convlab.experiments.ExperimentRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EngineOptionTest {

    private final EngineChoice before = EngineChoice.getDefault();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void restore() {
        EngineChoice.setDefault(before);
    }

    private int execute(String... args) {
        CommandLine cli = ConvLabCommand.commandLine(new ExperimentRegistry(List.of()));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void everySubcommandTakesTheEngineAndItBecomesTheGlobalDefault() {
        assertEquals(0, execute("list", "--engine", "lowered"));
        assertEquals(EngineChoice.LOWERED, EngineChoice.getDefault());
        assertEquals(0, execute("--engine", "NATIVE", "list"));
        assertEquals(EngineChoice.NATIVE, EngineChoice.getDefault());
    }

    @Test
    void anUnknownEngineIsACommandLineErrorNamingTheChoices() {
        assertEquals(ExitCodes.USAGE, execute("list", "--engine", "fast"));
        assertTrue(err.toString().contains("auto, native, lowered") && err.toString().contains("fast"), err.toString());
        assertEquals(before, EngineChoice.getDefault());
    }
}
