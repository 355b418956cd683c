package io.lowcode.admincenter.ops.configuration;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.ops.ConfigurationChange;
import io.lowcode.admincenter.api.ops.ConfigurationVersion;
import io.lowcode.admincenter.audit.service.AuditLog;
import io.lowcode.admincenter.ops.configuration.ParameterSpec.AppliedBy;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.ConfigurationChanged;
import io.lowcode.eventschema.runtime.configuration.Durations;
import io.lowcode.eventschema.runtime.configuration.ManagedKeys;
import io.lowcode.eventschema.runtime.messaging.Outbox;
import io.lowcode.eventschema.runtime.messaging.OutboxPublisher;
import io.lowcode.eventschema.runtime.messaging.UnitOfWork;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Changes the managed configuration: every change is a new version (the whole parameter set, what changed, who, when,
 * why), validated before anything happens, then applied — service parameters through one {@code configuration.changed}
 * event (written with the version in one transaction, so both exist or neither), topic settings through the Kafka Admin
 * API once the version is committed. A rollback is a new version with an old version's values. Changes are serialized
 * across pods by a transaction-scoped advisory lock; {@code expectedVersion} turns a lost update into 409.
 */
@ApplicationScoped
public class ConfigurationService {

    /** Who made the first version and imports of the migrator's parameters. */
    public static final String BASELINE_AUTHOR = "admin-center";
    public static final String MIGRATOR_AUTHOR = "ops-migrator";
    public static final String AUDIT_CHANGED = "ops.configuration-changed";
    static final int MAX_REASON = 500;
    static final int MAX_CHANGES = 100;

    private final ParameterCatalog catalog;
    private final ConfigurationStore store;
    private final Outbox outbox;
    private final UnitOfWork units;
    private final AuditLog audit;
    private final TopicSettings topics;
    private final CurrentTopics current;

    public ConfigurationService(ParameterCatalog catalog, ConfigurationStore store, Outbox outbox,
            UnitOfWork units, AuditLog audit, TopicSettings topics, CurrentTopics current) {
        this.catalog = catalog;
        this.store = store;
        this.outbox = outbox;
        this.units = units;
        this.audit = audit;
        this.topics = topics;
        this.current = current;
    }

    /** A new version about to be written. */
    record Proposal(Map<String, String> parameters, List<ConfigurationVersion.Change> changes, String reason,
            String changedBy, Integer rollbackOf) {
    }

    /** The newest version, made from the defaults (and the migrator's parameters) if there is none yet. */
    public Uni<StoredVersion> latest() {
        return store.latest().flatMap(found -> found.isPresent() ? Uni.createFrom().item(found.get())
                : commit(Optional.empty(), latest -> latest.isPresent() ? null : new Proposal(catalog.defaults(),
                        List.of(), "baseline: the values in force when the configuration became managed",
                        BASELINE_AUTHOR, null)).flatMap(made -> made == null ? store.latest().map(Optional::orElseThrow)
                                : Uni.createFrom().item(made)));
    }

    /**
     * Changes the parameters named in {@code change}.
     *
     * @throws ProblemException 400 naming the field ({@code reason}, {@code parameters}, {@code parameters.<key>}); 409
     *                          {@code configuration-changed} when {@code expectedVersion} is not the newest
     */
    public Uni<StoredVersion> change(ConfigurationChange change, Caller caller) {
        String reason = reason(change.reason());
        Map<String, String> wanted = normalize(change.parameters());
        return latest().flatMap(base -> current.partitions().flatMap(actual -> {
            // refused before any transaction; validated again against the newest version inside it
            propose(base, wanted, actual, reason, caller.userId(), null);
            return commit(Optional.ofNullable(change.expectedVersion()),
                    latest -> propose(latest.orElse(base), wanted, actual, reason, caller.userId(), null));
        }));
    }

    /**
     * Makes a new version with version {@code n}'s values (partition counts never go down: a topic keeps the partitions
     * it has now). Rolling back to the newest version re-applies it (to repair drift).
     *
     * @throws ProblemException 400 for the reason, 404 for an unknown version
     */
    public Uni<StoredVersion> rollback(int n, String rawReason, Caller caller) {
        String reason = reason(rawReason);
        return latest().flatMap(ignored -> store.version(n)).flatMap(old -> {
            StoredVersion target = old.orElseThrow(() -> ProblemException.notFound("configuration version", n));
            return current.partitions().flatMap(actual -> commit(Optional.empty(), latest -> {
                StoredVersion base = latest.orElseThrow();
                Map<String, String> values = new LinkedHashMap<>(base.parameters());
                target.parameters().forEach((key, value) -> {
                    if (catalog.find(key).isPresent()) {
                        values.put(key, value);
                    }
                });
                for (String key : new ArrayList<>(values.keySet())) {
                    ParameterCatalog.topicOf(key).filter(t -> key.endsWith(ParameterCatalog.PARTITIONS)).ifPresent(t -> {
                        int keep = Math.max(Integer.parseInt(base.parameters().get(key)), actual.getOrDefault(t, 0));
                        if (Integer.parseInt(values.get(key)) < keep) {
                            values.put(key, Integer.toString(keep));
                        }
                    });
                }
                List<ConfigurationVersion.Change> changes = diff(base.parameters(), values);
                return new Proposal(values, changes, "rollback to version " + n + ": " + reason, caller.userId(), n);
            }));
        });
    }

    /** Imports parameters the migrator wrote after the newest version that set them (a release's configuration step). */
    public Uni<StoredVersion> importFromMigrator(Map<String, MigratorParameters.Written> written) {
        return latest().flatMap(base -> store.page(0, 1000).flatMap(page -> commit(Optional.empty(), latest -> {
            StoredVersion newest = latest.orElseThrow();
            Map<String, String> values = new LinkedHashMap<>(newest.parameters());
            List<String> steps = new ArrayList<>();
            written.forEach((key, w) -> {
                Optional<ParameterSpec> spec = catalog.find(key);
                if (spec.isEmpty() || w.value().equals(values.get(key))) {
                    return;
                }
                Instant lastSet = lastChanged(page.getKey(), key);
                if (lastSet == null || w.updatedAt().isAfter(lastSet)) {
                    try {
                        values.put(key, spec.get().normalize(w.value()));
                        steps.add(key + " (" + w.stepId() + ")");
                    } catch (ProblemException invalid) {
                        Log.warnf("the migrator's %s=%s is not valid here (%s); not imported", key, w.value(),
                                invalid.getMessage());
                    }
                }
            });
            List<ConfigurationVersion.Change> changes = diff(newest.parameters(), values);
            return changes.isEmpty() ? null : new Proposal(values, changes, "the migrator's configuration step wrote "
                    + String.join(", ", steps), MIGRATOR_AUTHOR, null);
        })));
    }

    /** When {@code key} was last set: the newest version that changed it, else the first version. */
    private static Instant lastChanged(List<StoredVersion> newestFirst, String key) {
        for (StoredVersion v : newestFirst) {
            if (v.changes().stream().anyMatch(c -> c.key().equals(key))) {
                return v.changedAt();
            }
        }
        return newestFirst.isEmpty() ? null : newestFirst.get(newestFirst.size() - 1).changedAt();
    }

    private Proposal propose(StoredVersion base, Map<String, String> wanted, Map<String, Integer> actual, String reason,
            String by, Integer rollbackOf) {
        Map<String, String> values = new LinkedHashMap<>(base.parameters());
        catalog.defaults().forEach(values::putIfAbsent);
        values.putAll(wanted);
        check(values, wanted, base, actual);
        List<ConfigurationVersion.Change> changes = diff(base.parameters(), values);
        if (changes.isEmpty()) {
            throw ProblemException.badRequest("parameters", "changes nothing: every value given is the one in force "
                    + "(version " + base.version() + ")");
        }
        return new Proposal(values, changes, reason, by, rollbackOf);
    }

    /** Rules across parameters and against Kafka. */
    private void check(Map<String, String> values, Map<String, String> wanted, StoredVersion base,
            Map<String, Integer> actual) {
        backoffs(values, wanted, ManagedKeys.RETRY_INITIAL_BACKOFF, ManagedKeys.RETRY_MAX_BACKOFF);
        backoffs(values, wanted, ManagedKeys.RETRY_UNTIL_APPLIED_INITIAL_BACKOFF,
                ManagedKeys.RETRY_UNTIL_APPLIED_MAX_BACKOFF);
        wanted.forEach((key, value) -> ParameterCatalog.topicOf(key)
                .filter(t -> key.endsWith(ParameterCatalog.PARTITIONS)).ifPresent(topic -> {
                    int now = Math.max(Integer.parseInt(base.parameters().getOrDefault(key, "1")),
                            actual.getOrDefault(topic, 0));
                    if (Integer.parseInt(value) < now) {
                        throw ProblemException.badRequest("parameters." + key, "must not be below " + now
                                + ": Kafka cannot remove partitions from " + topic);
                    }
                }));
    }

    private static void backoffs(Map<String, String> values, Map<String, String> wanted, String initialKey,
            String maxKey) {
        Duration initial = Durations.parse(values.get(initialKey));
        Duration max = Durations.parse(values.get(maxKey));
        if (max.compareTo(initial) < 0) {
            String field = wanted.containsKey(maxKey) ? maxKey : initialKey;
            throw ProblemException.badRequest("parameters." + field, maxKey + " (" + values.get(maxKey)
                    + ") must not be below " + initialKey + " (" + values.get(initialKey) + ")");
        }
    }

    /**
     * Writes the version {@code decide} proposes against the newest one (null: nothing to write) with its event and
     * audit entry in one transaction, then publishes the event and applies the topic settings.
     */
    private Uni<StoredVersion> commit(Optional<Integer> expected,
            java.util.function.Function<Optional<StoredVersion>, Proposal> decide) {
        return units.commit(() -> store.lockAndReadLatest().flatMap(latest -> {
            if (expected.isPresent() && latest.isPresent() && latest.get().version() != expected.get()) {
                throw ProblemException.conflict("configuration-changed", "the configuration is at version "
                        + latest.get().version() + ", not " + expected.get() + ": someone changed it meanwhile; "
                        + "read it again and decide");
            }
            Proposal p = decide.apply(latest);
            if (p == null) {
                return Uni.createFrom().<StoredVersion>nullItem();
            }
            int version = latest.map(v -> v.version() + 1).orElse(1);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<String> serviceKeys = p.changes().stream().map(ConfigurationVersion.Change::key)
                    .filter(k -> ParameterCatalog.topicOf(k).isEmpty()).toList();
            EventEnvelope<ConfigurationChanged> event = version == 1 || !serviceKeys.isEmpty()
                    ? event(version, p, serviceKeys, now) : null;
            StoredVersion stored = new StoredVersion(version, p.parameters(), p.changes(), p.reason(), p.changedBy(), now,
                    p.rollbackOf(), event == null ? null : UUID.fromString(event.id()), StoredVersion.PENDING, List.of());
            return store.insert(stored)
                    .call(() -> event == null ? Uni.createFrom().nullItem() : outbox.add(event))
                    .call(() -> audit.recordAction(AUDIT_CHANGED, "configuration/v" + version, p.changedBy(), now,
                            "configuration version " + version + (p.rollbackOf() == null ? "" : " (rollback to version "
                                    + p.rollbackOf() + ")") + ": " + p.changes().size() + " change(s): " + p.reason(),
                            AuditLog.details("version", version, "changes", p.changes(), "reason", p.reason(),
                                    "rollbackOf", p.rollbackOf())))
                    .replaceWith(stored);
        })).flatMap(done -> done.value() == null ? Uni.createFrom().<StoredVersion>nullItem()
                : apply(done.value(), done.delivery()));
    }

    private static EventEnvelope<ConfigurationChanged> event(int version, Proposal p, List<String> changed, Instant now) {
        Map<String, String> serviceParameters = new LinkedHashMap<>();
        p.parameters().forEach((key, value) -> {
            if (ParameterCatalog.topicOf(key).isEmpty()) {
                serviceParameters.put(key, value);
            }
        });
        return EventEnvelope.of(EventType.CONFIGURATION_CHANGED, "platform-configuration",
                        new ConfigurationChanged(version, serviceParameters, changed, p.reason(), p.changedBy(), now,
                                p.rollbackOf()))
                .withSource(SourceModule.ADMIN_CENTER)
                .withUserId(p.changedBy())
                .withTime(now);
    }

    /**
     * After the commit, with the event's {@code delivery} (the unit waited, bounded, for Kafka; {@code PUBLISHED} when
     * there was none): the topic settings through the Admin API.
     */
    private Uni<StoredVersion> apply(StoredVersion v, OutboxPublisher.Delivery delivery) {
        List<Uni<ConfigurationVersion.ApplyResult>> results = new ArrayList<>();
        for (ConfigurationVersion.Change c : toApply(v)) {
            ParameterSpec spec = catalog.find(c.key()).orElse(null);
            if (spec == null) {
                continue;
            }
            results.add(applyOne(spec, c, v, delivery));
        }
        if (v.version() == 1 && v.changes().isEmpty()) {
            results.add(Uni.createFrom().item(new ConfigurationVersion.ApplyResult("configuration.changed",
                    delivery == OutboxPublisher.Delivery.PUBLISHED ? "PUBLISHED" : "PENDING",
                    "the baseline, for every service")));
        }
        return (results.isEmpty() ? Uni.createFrom().item(List.<ConfigurationVersion.ApplyResult>of())
                : Uni.join().all(results).andFailFast())
                .flatMap(applied -> {
                    String status = applied.stream().anyMatch(r -> "FAILED".equals(r.status())) ? StoredVersion.FAILED
                            : applied.stream().anyMatch(r -> "WAITING".equals(r.status())) ? StoredVersion.PENDING
                            : StoredVersion.APPLIED;
                    return store.updateApply(v.version(), status, applied).replaceWith(v.withApply(status, applied));
                });
    }

    /**
     * What a version applies: its changes, and for a rollback also every topic setting Kafka does not have (drift), so
     * that rolling back to the newest version repairs a topic changed behind the console's back.
     */
    private List<ConfigurationVersion.Change> toApply(StoredVersion v) {
        List<ConfigurationVersion.Change> items = new ArrayList<>(v.changes());
        if (v.rollbackOf() == null) {
            return items;
        }
        java.util.Set<String> changed = new java.util.HashSet<>();
        items.forEach(c -> changed.add(c.key()));
        current.topics().ifPresent(topics -> topics.values().forEach(t -> {
            String retention = ParameterCatalog.retentionKey(t.name());
            String wanted = v.parameters().get(retention);
            if (wanted != null && !changed.contains(retention) && t.retentionMs() != null
                    && Long.parseLong(wanted) != t.retentionMs()) {
                items.add(new ConfigurationVersion.Change(retention, t.retentionMs().toString(), wanted));
            }
            String partitions = ParameterCatalog.partitionsKey(t.name());
            String count = v.parameters().get(partitions);
            if (count != null && !changed.contains(partitions) && Integer.parseInt(count) > t.partitions().size()) {
                items.add(new ConfigurationVersion.Change(partitions, Integer.toString(t.partitions().size()), count));
            }
        }));
        return items;
    }

    private Uni<ConfigurationVersion.ApplyResult> applyOne(ParameterSpec spec, ConfigurationVersion.Change c,
            StoredVersion v, OutboxPublisher.Delivery delivery) {
        if (spec.appliedBy() == AppliedBy.RECORDED) {
            return Uni.createFrom().item(new ConfigurationVersion.ApplyResult(c.key(), "RECORDED",
                    "kept with the version; no code reads it"));
        }
        if (spec.appliedBy() == AppliedBy.SERVICES) {
            return Uni.createFrom().item(new ConfigurationVersion.ApplyResult(c.key(),
                    delivery == OutboxPublisher.Delivery.PUBLISHED ? "PUBLISHED" : "PENDING",
                    delivery == OutboxPublisher.Delivery.PUBLISHED ? "configuration.changed " + v.eventId()
                            + " acknowledged by Kafka; every pod applies it on reading it"
                            : "configuration.changed " + v.eventId() + " waits in the outbox (Kafka slow or away)"));
        }
        String topic = ParameterCatalog.topicOf(c.key()).orElseThrow();
        if (c.key().endsWith(ParameterCatalog.PARTITIONS)) {
            return Uni.createFrom().item(new ConfigurationVersion.ApplyResult(c.key(), "WAITING",
                    "expands to " + c.to() + " once every consumer group of " + topic + " has no lag on it"));
        }
        return topics.retention(topic, Long.parseLong(c.to()))
                .replaceWith(new ConfigurationVersion.ApplyResult(c.key(), "APPLIED", "retention.ms of " + topic
                        + " set to " + c.to() + " through the Admin API"))
                .onFailure().recoverWithItem(failure -> new ConfigurationVersion.ApplyResult(c.key(), "FAILED",
                        "Kafka refused or did not answer: " + failure.getMessage()
                                + "; shown as drift until applied (roll back to this version to retry)"));
    }

    static List<ConfigurationVersion.Change> diff(Map<String, String> before, Map<String, String> after) {
        List<ConfigurationVersion.Change> changes = new ArrayList<>();
        after.forEach((key, value) -> {
            String old = before.get(key);
            if (!value.equals(old)) {
                changes.add(new ConfigurationVersion.Change(key, old, value));
            }
        });
        return changes;
    }

    private static String reason(String raw) {
        String reason = raw == null ? "" : raw.strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON || reason.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("reason", "must say why, in 1 to " + MAX_REASON
                    + " characters without control characters");
        }
        return reason;
    }

    private Map<String, String> normalize(Map<String, String> parameters) {
        if (parameters == null || parameters.isEmpty() || parameters.size() > MAX_CHANGES) {
            throw ProblemException.badRequest("parameters", "must name 1 to " + MAX_CHANGES + " parameters");
        }
        Map<String, String> normalized = new LinkedHashMap<>();
        parameters.forEach((key, value) -> {
            ParameterSpec spec = catalog.find(key == null ? "" : key).orElseThrow(() -> ProblemException.badRequest(
                    "parameters." + printable(key), "not a managed parameter (GET /api/v1/ops/configuration lists them)"));
            normalized.put(key, spec.normalize(value));
        });
        return normalized;
    }

    private static String printable(String key) {
        if (key == null) {
            return "null";
        }
        String clean = key.replaceAll("[^A-Za-z0-9._-]", "?");
        return clean.length() <= 80 ? clean : clean.substring(0, 80) + "…";
    }
}
