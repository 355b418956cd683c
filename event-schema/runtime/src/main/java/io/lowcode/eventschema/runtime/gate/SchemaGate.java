package io.lowcode.eventschema.runtime.gate;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.lowcode.eventschema.runtime.ServiceConfig;
import io.lowcode.eventschema.runtime.health.SchemaVersion;
import io.lowcode.eventschema.runtime.health.SchemaVersionReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Holds back everything that works on the service's tables in the background — its Kafka consumers
 * ({@link GatedChannels}), the outbox relay and every {@code @Scheduled} job (the scheduler starts
 * {@code halted}) — until the migrator has brought the schema to the version this build requires. It
 * checks at start and then every {@code lowcode.service.schema-wait-interval}; once the version is there it
 * opens for good and starts them, without a restart. While it is closed no consumer joins its group, so
 * nothing is consumed, nothing is dead-lettered and nothing is published from the outbox; readiness
 * ({@code database schema}) is DOWN for the same reason, so no HTTP traffic arrives either.
 */
@ApplicationScoped
public class SchemaGate {

    /** Log a "still waiting" line every this many checks (a minute at the default interval). */
    private static final int REMIND_EVERY = 12;
    /** One check gives up after this long (an unreachable database), and the next one is scheduled. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

    private final SchemaVersionReader versions;
    private final Scheduler scheduler;
    private final Vertx vertx;
    private final Duration interval;
    private final CompletableFuture<SchemaVersion> opened = new CompletableFuture<>();
    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicLong open = new AtomicLong();

    public SchemaGate(SchemaVersionReader versions, Scheduler scheduler, Vertx vertx, ServiceConfig service,
            MeterRegistry registry) {
        this.versions = versions;
        this.scheduler = scheduler;
        this.vertx = vertx;
        this.interval = service.schemaWaitInterval();
        registry.gauge("lowcode.schema.gate.open", open);
    }

    void start(@Observes StartupEvent event) {
        check();
    }

    /** Whether the schema has arrived and the background work runs. */
    public boolean isOpen() {
        return opened.isDone();
    }

    /** Completes when the gate opens (at once if it is open). */
    public Uni<Void> whenOpen() {
        return Uni.createFrom().completionStage(opened).replaceWithVoid();
    }

    private void check() {
        SchemaVersion required = versions.required();
        versions.current().ifNoItem().after(CHECK_TIMEOUT).fail().subscribe().with(current -> {
            if (current.isPresent() && current.get().isAtLeast(required)) {
                open(current.get(), required);
            } else {
                waiting(current, required, null);
            }
        }, failure -> waiting(Optional.empty(), required, failure));
    }

    private void waiting(Optional<SchemaVersion> current, SchemaVersion required, Throwable failure) {
        int n = checks.incrementAndGet();
        if (n == 1 || n % REMIND_EVERY == 0) {
            String where = failure != null ? "cannot read its version (" + failure.getClass().getSimpleName() + ": "
                    + failure.getMessage() + ")" : current.map(v -> "is at " + v).orElse("has no applied migration");
            Log.infof("schema gate closed: schema %s %s, this build needs %s; Kafka consumers, the outbox relay and the"
                    + " schedulers wait for the migrator (checking every %s)", versions.schema(), where, required, interval);
        }
        vertx.setTimer(interval.toMillis(), ignored -> check());
    }

    private void open(SchemaVersion current, SchemaVersion required) {
        if (opened.complete(current)) {
            open.set(1);
            Log.infof("schema gate open: schema %s is at %s (this build needs %s); starting Kafka consumers, the outbox"
                    + " relay and the schedulers", versions.schema(), current, required);
            scheduler.resume();
        }
    }
}
