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
            Optional<Double> gflop = gflopPerCall(params);
            Optional<Double> seconds = secondsPerCall(params.getMode(), params.getTimeUnit(),
                    result.getPrimaryResult().getScore());
            if (gflop.isPresent() && seconds.isPresent()) {
                String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.',
                        params.getBenchmark().lastIndexOf('.') - 1) + 1);
                String suffix = params.getParamsKeys().isEmpty() ? ""
                        : " " + params.getParamsKeys().stream().map(k -> k + "=" + params.getParam(k))
                                .collect(java.util.stream.Collectors.joining(","));
                lines.append(String.format(Locale.ROOT, "%s%s: %.3f ms, %.1f GFLOP/s%n", name, suffix,
                        seconds.get() * 1e3, gflop.get() / seconds.get()));
            }
        }
        return lines.toString();
    }

    // The benchmark name is <class>.<method>. A class whose work depends on the method or the
    // parameters declares a static gflopPerCall(String method, Map<String, String> params) instead.
    private static Optional<Double> gflopPerCall(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        try {
            Class<?> type = Class.forName(benchmark.substring(0, benchmark.lastIndexOf('.')));
            try {
                java.lang.reflect.Method m = type.getMethod("gflopPerCall", String.class, java.util.Map.class);
                java.util.Map<String, String> values = new java.util.HashMap<>();
                for (String key : params.getParamsKeys()) {
                    values.put(key, params.getParam(key));
                }
                return Optional.of((Double) m.invoke(null, benchmark.substring(benchmark.lastIndexOf('.') + 1), values));
            } catch (NoSuchMethodException e) {
                // fall through to the constant
            }
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
