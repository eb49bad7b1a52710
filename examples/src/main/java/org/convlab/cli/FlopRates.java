package org.convlab.cli;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns benchmark times into GFLOP/s for benchmark classes that declare how much work one call
 * does, as {@code public static final double GFLOP_PER_CALL} (see {@code GemmBaseline}). JMH
 * reports time per call; the rate is what compares with the machine's peak.
 */
final class FlopRates {

    static final String FIELD = "GFLOP_PER_CALL";

    private FlopRates() {
    }

    /** One line per result whose class declares {@value #FIELD}, e.g. "GemmBaseline.gemm: 65.0 GFLOP/s". */
    static String describe(Collection<RunResult> results) {
        StringBuilder lines = new StringBuilder();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            Optional<Double> gflop = gflopPerCall(params.getBenchmark());
            Optional<Double> seconds = secondsPerCall(params.getMode(), params.getTimeUnit(),
                    result.getPrimaryResult().getScore());
            if (gflop.isPresent() && seconds.isPresent()) {
                String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.',
                        params.getBenchmark().lastIndexOf('.') - 1) + 1);
                lines.append(String.format(Locale.ROOT, "%s: %.1f GFLOP/s%n", name, gflop.get() / seconds.get()));
            }
        }
        return lines.toString();
    }

    // The benchmark name is <class>.<method>.
    private static Optional<Double> gflopPerCall(String benchmark) {
        try {
            Class<?> type = Class.forName(benchmark.substring(0, benchmark.lastIndexOf('.')));
            Field field = type.getField(FIELD);
            return Modifier.isStatic(field.getModifiers()) ? Optional.of(field.getDouble(null)) : Optional.empty();
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<Double> secondsPerCall(Mode mode, TimeUnit unit, double score) {
        double secondsPerUnit = unit.toNanos(1) / 1e9;
        return switch (mode) {
            case AverageTime, SingleShotTime, SampleTime -> Optional.of(score * secondsPerUnit);
            case Throughput -> Optional.of(secondsPerUnit / score);
            default -> Optional.empty();
        };
    }
}
