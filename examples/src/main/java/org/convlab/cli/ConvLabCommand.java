package org.convlab.cli;

import org.convlab.cli.train.EvaluateCommand;
import org.convlab.cli.train.ExportCommand;
import org.convlab.cli.train.SummaryCommand;
import org.convlab.cli.train.TrainCommand;
import org.convlab.experiments.ExperimentRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code convlab} command line: {@code list}, {@code run}, {@code reproduce} and {@code bench};
 * {@code train}, {@code summary}, {@code evaluate} and {@code export} for models of one's own.
 * Build it with {@link #commandLine(ExperimentRegistry)} to run it on other experiments (tests do).
 */
@Command(name = "convlab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Reproduce the claims of the article on types of convolution, and benchmark ConvLab.",
            "Train, summarise, evaluate and export models described in JSON (see examples/models/)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success; every experiment reached a verdict",
            "1:error (unwritable --out, no benchmark matched, bad model config, missing checkpoint, ...)",
            "2:invalid command line (unknown option or experiment id)",
            "3:the report was written but an experiment FAILED to test its claim"})
public final class ConvLabCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOption engine;

    /** Without a subcommand, show what there is to do. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line over {@code registry}, with one-line error handling installed. */
    public static CommandLine commandLine(ExperimentRegistry registry) {
        ErrorHandlers errors = new ErrorHandlers();
        CommandLine cli = new CommandLine(new ConvLabCommand())
                .addSubcommand(new ListCommand(registry))
                .addSubcommand(new RunCommand(registry))
                .addSubcommand(new ReproduceCommand(registry))
                .addSubcommand(new BenchCommand())
                .addSubcommand(new BenchTrainingCommand())
                .addSubcommand(new TrainCommand())
                .addSubcommand(new SummaryCommand())
                .addSubcommand(new EvaluateCommand())
                .addSubcommand(new ExportCommand())
                .addSubcommand(new DrawCommand())
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
        Converters.register(cli); // after the subcommands: picocli registers on those added so far
        return cli;
    }

    public static void main(String[] args) {
        quietLibraries();
        System.exit(commandLine(ExperimentRegistry.canonical()).execute(args));
    }

    // ND4J announces its back end in several INFO lines (back end, threads, BLAS vendor, ...); a
    // command line shows only its own output by default. Explicit -D settings win.
    private static void quietLibraries() {
        setIfAbsent("java.awt.headless", "true");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.convlab", "info");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    /** The logging settings above as JVM options, for the JVMs that JMH forks. */
    static String[] quietLoggingArgs() {
        return java.util.stream.Stream.of("org.slf4j.simpleLogger.defaultLogLevel", "org.slf4j.simpleLogger.log.convlab",
                        "org.slf4j.simpleLogger.showThreadName", "org.slf4j.simpleLogger.showShortLogName")
                .filter(k -> System.getProperty(k) != null)
                .map(k -> "-D" + k + "=" + System.getProperty(k)).toArray(String[]::new);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
