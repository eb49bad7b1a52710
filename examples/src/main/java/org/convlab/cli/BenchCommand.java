package org.convlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.convlab.report.OutputDirectory;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code convlab bench [REGEX]}: the JMH benchmarks compiled into this jar (package
 * {@code org.convlab.bench}), one forked JVM per benchmark; JMH prints the results, and they are
 * also saved as {@code bench.json} in the output directory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run the JMH benchmarks whose name matches REGEX (all by default).",
            "The results go to bench.json in --out."})
final class BenchCommand implements Callable<Integer> {

    static final String RESULT_FILE = "bench.json";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "REGEX", defaultValue = ".*",
            description = "Regular expression on benchmark names, for example Gemm (default: all).")
    String include;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report",
            description = "Directory for bench.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
            description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "5",
            description = "Measured iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--time", paramLabel = "SECONDS", defaultValue = "1",
            description = "Length of each iteration in seconds (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--param", paramLabel = "NAME=V1,V2", mapFallbackValue = "",
            description = "Run only these values of a benchmark parameter, for example shape=conv2d_std,conv1d "
                    + "(repeatable; default: every value).")
    java.util.Map<String, String> params = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
        validate();
        OutputDirectory.prepare(out);
        Path result = out.resolve(RESULT_FILE);
        Options options = new OptionsBuilder()
                .include(include)
                .forks(1)
                // The forked JVMs get the command line's quiet logging too, not ND4J's start-up banner.
                .jvmArgsAppend(ConvLabCommand.quietLoggingArgs())
                .warmupIterations(warmup)
                .measurementIterations(iterations)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementTime(TimeValue.seconds(seconds))
                .resultFormat(ResultFormatType.JSON)
                .result(result.toString())
                .build();
        if (!params.isEmpty()) {
            OptionsBuilder withParams = new OptionsBuilder();
            withParams.parent(options);
            params.forEach((name, values) -> withParams.param(name, values.split(",")));
            options = withParams.build();
        }
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (NoBenchmarksException e) {
            throw new IOException("no benchmark matches '" + include + "'", e);
        } catch (RunnerException e) {
            throw new IOException("the benchmarks did not run: " + e.getMessage(), e);
        }
        spec.commandLine().getOut().print(FlopRates.describe(results));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private void validate() {
        try {
            Pattern.compile(include);
        } catch (PatternSyntaxException e) {
            throw new ParameterException(spec.commandLine(), "REGEX '" + include + "' is not a regular expression: "
                    + e.getDescription());
        }
        params.forEach((name, values) -> {
            if (values.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--param " + name + " expected NAME=V1,V2,..., found no "
                        + "values");
            }
        });
        if (warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup must be 0 or more, got " + warmup);
        }
        if (iterations < 1) {
            throw new ParameterException(spec.commandLine(), "--iterations must be 1 or more, got " + iterations);
        }
        if (seconds < 1) {
            throw new ParameterException(spec.commandLine(), "--time must be 1 second or more, got " + seconds);
        }
    }
}
