package io.lowcode.localstack.testing;

import static io.restassured.RestAssured.given;

/** Reads the service under test's Prometheus metrics ({@code /q/metrics}), for tests that count what happened. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The value of one series, e.g. {@code lowcode_events_consumed_total{outcome="stale",type="permission.granted"}}
     * (labels in the order Prometheus prints them: alphabetical); 0 when the series does not exist yet.
     */
    public static double value(String series) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.value(metrics, series).orElse(0.0);
    }
}
