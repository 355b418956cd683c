package io.lowcode.admincenter.ops.configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.ops.ConfigurationVersion;
import io.lowcode.admincenter.api.ops.ConfigurationVersionPage;
import io.lowcode.admincenter.api.ops.ConfigurationView;
import io.lowcode.admincenter.ops.monitoring.EventFlowSampler;
import io.lowcode.admincenter.ops.monitoring.KafkaSample;
import io.lowcode.admincenter.ops.monitoring.ServiceMetrics;
import io.smallrye.mutiny.Uni;

/**
 * What {@code GET /api/v1/ops/configuration} shows: the newest version's parameters, drift — a topic whose retention or
 * partition count is not the managed one (changed behind the console's back, or not applied), a service that does not
 * run the newest version — and the version each service runs (from its {@code lowcode_configuration_version} gauge).
 */
@ApplicationScoped
public class ConfigurationViews {

    private final ConfigurationService service;
    private final ConfigurationStore store;
    private final ParameterCatalog catalog;
    private final CurrentTopics topics;
    private final EventFlowSampler sampler;
    private final ConfigurationConfig config;

    public ConfigurationViews(ConfigurationService service, ConfigurationStore store, ParameterCatalog catalog,
            CurrentTopics topics, EventFlowSampler sampler, ConfigurationConfig config) {
        this.service = service;
        this.store = store;
        this.catalog = catalog;
        this.topics = topics;
        this.sampler = sampler;
        this.config = config;
    }

    public Uni<ConfigurationView> view() {
        return service.latest().map(v -> {
            List<ConfigurationView.Parameter> parameters = new ArrayList<>();
            for (ParameterSpec spec : catalog.all()) {
                parameters.add(new ConfigurationView.Parameter(spec.key(), v.parameters().getOrDefault(spec.key(),
                        spec.defaultValue()), spec.defaultValue(), spec.group(), spec.kind().name().toLowerCase(),
                        spec.bounds(), spec.description(), spec.appliedBy().name().toLowerCase(), spec.appliesTo()));
            }
            List<ConfigurationView.ServiceVersion> services = services(v.version());
            List<ConfigurationView.Drift> drift = new ArrayList<>(topicDrift(v));
            services.stream().filter(s -> !s.current()).forEach(s -> drift.add(new ConfigurationView.Drift(
                    "services." + s.service(), Integer.toString(v.version()),
                    s.appliedVersion() == null ? "unknown" : s.appliedVersion().toString(), s.appliedVersion() == null
                            ? s.service() + " did not report a configuration version (not reachable, or still starting)"
                            : s.service() + " runs version " + s.appliedVersion() + "; it applies " + v.version()
                                    + " when it reads it from platform-operations-events")));
            return new ConfigurationView(v.version(), v.changedAt(), v.changedBy(), v.reason(), v.applyStatus(),
                    config.environment(), parameters, drift, services);
        });
    }

    public Uni<ConfigurationVersionPage> versions(int page, int size) {
        return service.latest().flatMap(ignored -> store.page(page, size)).map(found -> new ConfigurationVersionPage(
                found.getKey().stream().map(StoredVersion::view).toList(), page, size, found.getValue()));
    }

    public Uni<ConfigurationVersion> version(int n) {
        return store.version(n).map(v -> v.map(StoredVersion::view).orElseThrow(
                () -> io.lowcode.eventschema.runtime.problem.ProblemException.notFound("configuration version", n)));
    }

    private List<ConfigurationView.Drift> topicDrift(StoredVersion v) {
        List<ConfigurationView.Drift> drift = new ArrayList<>();
        Map<String, KafkaSample.Topic> actual = topics.topics().orElse(Map.of());
        for (KafkaSample.Topic topic : actual.values()) {
            String retentionKey = ParameterCatalog.retentionKey(topic.name());
            String managed = v.parameters().get(retentionKey);
            if (managed != null && topic.retentionMs() != null && Long.parseLong(managed) != topic.retentionMs()) {
                drift.add(new ConfigurationView.Drift(retentionKey, managed, topic.retentionMs().toString(),
                        "retention.ms of " + topic.name() + " is " + topic.retentionMs() + " in Kafka: changed outside "
                                + "the console, or not applied. Accept it (PUT the actual value) or restore the "
                                + "managed one (roll back to version " + v.version() + ")"));
            }
            String partitionsKey = ParameterCatalog.partitionsKey(topic.name());
            String wanted = v.parameters().get(partitionsKey);
            int has = topic.partitions().size();
            if (wanted != null && Integer.parseInt(wanted) != has) {
                boolean waiting = v.apply().stream().anyMatch(r -> r.key().equals(partitionsKey)
                        && "WAITING".equals(r.status()));
                drift.add(new ConfigurationView.Drift(partitionsKey, wanted, Integer.toString(has), waiting
                        ? "the expansion waits until every consumer group of " + topic.name() + " has no lag on it"
                        : has > Integer.parseInt(wanted) ? topic.name() + " was expanded outside the console"
                                : topic.name() + " has fewer partitions than managed: the expansion failed or was not "
                                        + "applied (roll back to version " + v.version() + " to try again)"));
            }
        }
        return drift;
    }

    private List<ConfigurationView.ServiceVersion> services(int newest) {
        List<ConfigurationView.ServiceVersion> services = new ArrayList<>();
        sampler.latest().forEach((name, readings) -> {
            ServiceMetrics now = readings[0];
            Integer applied = now.error() != null || now.configurationVersion() == null
                    || now.configurationVersion() < 1 ? null : now.configurationVersion().intValue();
            services.add(new ConfigurationView.ServiceVersion(name, applied, applied != null && applied == newest));
        });
        return services;
    }
}
