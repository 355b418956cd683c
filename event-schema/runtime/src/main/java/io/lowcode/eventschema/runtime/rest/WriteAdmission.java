package io.lowcode.eventschema.runtime.rest;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.lowcode.eventschema.runtime.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Sheds write load instead of drowning in it: at most {@code lowcode.admission.max-in-flight-writes} API requests that
 * change something ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} under {@code /api/}) are in progress in
 * this pod; one more is answered at once with 503 {@code overloaded} (problem+json, {@code Retry-After: 1}) before any
 * work is done. Measured without it (src-docs/benchmarks.md, issue 13): 500 creates/s offered to a workstation that
 * sustains ~350/s made it accept everything, spend its CPU on requests whose clients had given up, and answer half of
 * them after 30 s. Reads are not counted; the portal's executions have their own, finer admission control.
 * Refusals are counted in {@code lowcode_http_writes_refused_total}, requests in progress in
 * {@code lowcode_http_writes_in_flight}.
 */
@ApplicationScoped
public class WriteAdmission {

    private static final String BODY = "{\"type\":\"" + Problem.type("overloaded") + "\",\"title\":\"Service Unavailable\","
            + "\"status\":503,\"detail\":\"this instance is at its limit of write requests in progress "
            + "(lowcode.admission.max-in-flight-writes); retry after the time in Retry-After\"}";

    private final AtomicInteger inFlight = new AtomicInteger();
    private final int max;
    private final Counter refused;

    public WriteAdmission(@ConfigProperty(name = "lowcode.admission.max-in-flight-writes", defaultValue = "256") int max,
            MeterRegistry registry) {
        this.max = max;
        this.refused = Counter.builder("lowcode.http.writes.refused")
                .description("Write requests refused with 503 because the pod had max-in-flight-writes in progress")
                .register(registry);
        Gauge.builder("lowcode.http.writes.in.flight", inFlight, AtomicInteger::get)
                .description("Write requests in progress in this pod").register(registry);
    }

    void register(@Observes Filters filters) {
        // before authentication and the resources: a refused request costs next to nothing
        filters.register(this::admit, 2000);
    }

    void admit(RoutingContext context) {
        if (!isWrite(context.request().method()) || !context.normalizedPath().startsWith("/api/")) {
            context.next();
            return;
        }
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            refused.increment();
            context.response().setStatusCode(503)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Retry-After", "1")
                    .end(BODY);
            return;
        }
        context.addEndHandler(ignored -> inFlight.decrementAndGet());
        context.next();
    }

    /** Write requests in progress now. */
    public int inFlight() {
        return inFlight.get();
    }

    private static boolean isWrite(HttpMethod method) {
        return HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method) || HttpMethod.PATCH.equals(method)
                || HttpMethod.DELETE.equals(method);
    }
}
