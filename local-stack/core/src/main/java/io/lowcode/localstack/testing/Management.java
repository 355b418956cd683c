package io.lowcode.localstack.testing;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.specification.RequestSpecification;

/**
 * The management interface of the service under test ({@code /q/health}, {@code /q/metrics}, {@code /q/openapi}):
 * tests run it on a free port ({@code %test.quarkus.management.test-port=0}), which Quarkus publishes as that key once
 * it listens.
 */
public final class Management {

    private Management() {
    }

    /** The port the management interface of the running test application listens on. */
    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    /** A REST Assured request to the management interface. */
    public static RequestSpecification management() {
        return given().port(port());
    }
}
