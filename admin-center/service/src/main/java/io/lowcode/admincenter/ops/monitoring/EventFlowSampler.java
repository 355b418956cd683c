package io.lowcode.admincenter.ops.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.runtime.ServiceConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Reads every service's messaging numbers each sampling interval: the other services' {@code /q/metrics} over HTTP
 * ({@code lowcode.ops.services.<name>.url}, bounded by {@code lowcode.ops.sampling.scrape-timeout}, non-blocking),
 * the admin center's own from its registry. Keeps each service's readings over the rate span, for the event-flow
 * view and the outbox and publish-failure alert rules.
 */
@ApplicationScoped
public class EventFlowSampler {

    private final WebClient http;
    private final MeterRegistry registry;
    private final ServicesConfig services;
    private final SamplingConfig config;
    private final String self;
    private final Map<String, Deque<ServiceMetrics>> readings = new LinkedHashMap<>();

    public EventFlowSampler(Vertx vertx, MeterRegistry registry, ServicesConfig services, SamplingConfig config,
            ServiceConfig service) {
        int timeout = (int) config.scrapeTimeout().toMillis();
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(timeout).setIdleTimeout(timeout)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS).setUserAgent("lowcode-admin-center-ops"));
        this.registry = registry;
        this.services = services;
        this.config = config;
        this.self = service.name();
    }

    @Scheduled(every = "${lowcode.ops.sampling.interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sample() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<ServiceMetrics>> scrapes = new ArrayList<>();
        scrapes.add(Uni.createFrom().item(() -> ServiceMetrics.of(self, Instant.now(), local())));
        services.services().forEach((name, service) -> scrapes.add(scrape(name, service.url())));
        return Uni.join().all(scrapes).andCollectFailures().invoke(this::keep).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private Uni<ServiceMetrics> scrape(String name, String url) {
        String metrics = url.replaceFirst("/+$", "") + "/q/metrics";
        return http.getAbs(metrics).timeout(config.scrapeTimeout().toMillis()).send()
                .ifNoItem().after(config.scrapeTimeout()).fail()
                .map(response -> response.statusCode() == 200
                        ? ServiceMetrics.of(name, Instant.now(), PrometheusText.parse(response.bodyAsString()))
                        : ServiceMetrics.unreachable(name, Instant.now(), metrics + " answered HTTP " + response.statusCode()))
                .onFailure().recoverWithItem(failure -> ServiceMetrics.unreachable(name, Instant.now(),
                        metrics + ": " + failure.getClass().getSimpleName()
                                + (failure.getMessage() == null ? "" : " " + failure.getMessage())));
    }

    /** The admin center's own numbers, as the same samples a scrape would give. */
    private List<PrometheusText.Sample> local() {
        List<PrometheusText.Sample> samples = new ArrayList<>();
        counters("lowcode.events.published", ServiceMetrics.PUBLISHED, samples);
        counters("lowcode.events.consumed", ServiceMetrics.CONSUMED, samples);
        counters("lowcode.events.retried", ServiceMetrics.RETRIED, samples);
        counters("lowcode.events.dead.lettered", ServiceMetrics.DEAD_LETTERED, samples);
        gauge("lowcode.outbox.pending", ServiceMetrics.OUTBOX_PENDING, samples);
        gauge("lowcode.outbox.oldest.pending.age", ServiceMetrics.OUTBOX_OLDEST_AGE, samples);
        gauge("lowcode.configuration.version", ServiceMetrics.CONFIGURATION_VERSION, samples);
        return samples;
    }

    private void counters(String meter, String name, List<PrometheusText.Sample> samples) {
        for (Counter c : registry.find(meter).counters()) {
            Map<String, String> labels = new LinkedHashMap<>();
            c.getId().getTags().forEach(t -> labels.put(t.getKey(), t.getValue()));
            samples.add(new PrometheusText.Sample(name, labels, c.count()));
        }
    }

    private void gauge(String meter, String name, List<PrometheusText.Sample> samples) {
        Gauge g = registry.find(meter).gauge();
        if (g != null) {
            samples.add(new PrometheusText.Sample(name, Map.of(), g.value()));
        }
    }

    private synchronized void keep(List<ServiceMetrics> latest) {
        for (ServiceMetrics m : latest) {
            Deque<ServiceMetrics> series = readings.computeIfAbsent(m.service(), s -> new ArrayDeque<>());
            series.addLast(m);
            // keep one reading older than the rate span, so that the span is covered
            while (series.size() > 2 && !series.stream().skip(1).findFirst().orElseThrow().at()
                    .isAfter(m.at().minus(config.rateSpan()))) {
                series.removeFirst();
            }
        }
        readings.keySet().retainAll(latest.stream().map(ServiceMetrics::service).toList());
    }

    /** Per service: its newest reading and the oldest reading of the successful ones within the rate span (or null). */
    public synchronized Map<String, ServiceMetrics[]> latest() {
        Map<String, ServiceMetrics[]> out = new LinkedHashMap<>();
        readings.forEach((service, series) -> {
            ServiceMetrics newest = series.peekLast();
            ServiceMetrics oldest = series.stream().filter(m -> m.error() == null).findFirst().orElse(null);
            out.put(service, new ServiceMetrics[] { newest, oldest == newest ? null : oldest });
        });
        return out;
    }

    /** Seconds between two readings. */
    static double seconds(ServiceMetrics from, ServiceMetrics to) {
        return Duration.between(from.at(), to.at()).toMillis() / 1000.0;
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
