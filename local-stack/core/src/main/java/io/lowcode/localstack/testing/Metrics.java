package io.lowcode.localstack.testing;

/** Reads the service under test's Prometheus metrics ({@code /q/metrics}, on its management interface), for tests that count what happened. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The value of one series, e.g. {@code lowcode_events_consumed_total{outcome="stale",type="permission.granted"}}
     * (labels in the order Prometheus prints them: alphabetical); 0 when the series does not exist yet.
     */
    public static double value(String series) {
        String metrics = Management.management().get("/q/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.value(metrics, series).orElse(0.0);
    }
}
