package io.lowcode.localstack.testing;

import java.util.OptionalDouble;

/**
 * Reads one series out of a service's {@code /q/metrics} (Prometheus text or OpenMetrics): the line's value, whatever
 * follows it (an OpenMetrics exemplar such as {@code # {trace_id="…"} 1.0}, which the services add once tracing is on).
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    /** The value of {@code series} — its name and labels exactly as exposed — if it is there. */
    public static OptionalDouble value(String exposition, String series) {
        return exposition.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> line.substring(series.length() + 1).trim().split("\\s+", 2)[0])
                .map(value -> OptionalDouble.of(Double.parseDouble(value))).orElse(OptionalDouble.empty());
    }
}
