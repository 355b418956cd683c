package io.lowcode.e2e.manifests;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lowcode.eventschema.EventType;

/**
 * What a service's {@code application.properties} (production profile) says about the things the manifests must
 * agree with: its ports (API and management), its schema and required version, the events it produces, its incoming and outgoing Kafka
 * channels.
 */
final class ServiceSettings {

    static final List<String> SERVICES = List.of("workstation", "admin-center", "portal");

    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");

    /**
     * One incoming channel: a Kafka consumer group of the service, reading one topic or several ({@code topics}); or,
     * when {@code assigned} ({@code assign-seek}), a consumer that reads its partitions without joining a group.
     */
    record Incoming(String channel, List<String> topics, String groupId, String autoOffsetReset, int concurrency,
            Optional<String> deadLetterTopic, boolean assigned) {

        /** The topic of a one-topic channel. */
        String topic() {
            if (topics.size() != 1) {
                throw new AssertionError(channel + " reads " + topics);
            }
            return topics.get(0);
        }

        /** Whether it reads dead-letter topics only: an index of failures, not work that more pods would share. */
        boolean readsDeadLettersOnly() {
            return topics.stream().allMatch(t -> t.endsWith(".dlq"));
        }
    }

    private final String name;
    private final Properties properties;

    private ServiceSettings(String name, Properties properties) {
        this.name = name;
        this.properties = properties;
    }

    static ServiceSettings of(String service) {
        Path file = Home.path().resolve(service).resolve("service/src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceSettings(service, properties);
    }

    String name() {
        return name;
    }

    String get(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new AssertionError(name + " does not set " + key);
        }
        return value.trim();
    }

    int httpPort() {
        return Integer.parseInt(get("quarkus.http.port"));
    }

    /** The management interface's port: health, metrics and OpenAPI ({@code quarkus.management.port}). */
    int managementPort() {
        return Integer.parseInt(get("quarkus.management.port"));
    }

    String schema() {
        return get("lowcode.service.schema");
    }

    String requiredSchemaVersion() {
        return get("lowcode.service.required-schema-version");
    }

    /** Topics of the event types the service publishes (through its outbox). */
    List<String> producedTopics() {
        return List.of(get("lowcode.service.produces").split(",")).stream().map(String::trim)
                .filter(t -> !t.isEmpty() && !t.equals("none")).map(t -> EventType.fromType(t).topic()).distinct().toList();
    }

    /** The incoming channels that consume as members of a consumer group (those KEDA can scale on). */
    List<Incoming> groupConsumers() {
        return incoming().stream().filter(i -> !i.assigned()).toList();
    }

    List<Incoming> incoming() {
        return channels("incoming").entrySet().stream().map(e -> {
            Map<String, String> a = e.getValue();
            List<String> topics = a.containsKey("topics")
                    ? List.of(a.get("topics").split(",")).stream().map(String::trim).filter(t -> !t.isEmpty()).toList()
                    : List.of(a.getOrDefault("topic", e.getKey()));
            return new Incoming(e.getKey(), topics, a.get("group.id"),
                    a.getOrDefault("auto.offset.reset", "latest"), Integer.parseInt(a.getOrDefault("concurrency", "1")),
                    Optional.ofNullable(a.get("dead-letter-queue.topic")), a.containsKey("assign-seek"));
        }).toList();
    }

    /** Topics of the outgoing channels (emitters). */
    List<String> outgoingTopics() {
        return channels("outgoing").entrySet().stream().map(e -> e.getValue().getOrDefault("topic", e.getKey())).toList();
    }

    private Map<String, Map<String, String>> channels(String direction) {
        Map<String, Map<String, String>> channels = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher m = CHANNEL.matcher(key);
            if (m.matches() && m.group(1).equals(direction)) {
                channels.computeIfAbsent(m.group(2), c -> new TreeMap<>()).put(m.group(3), properties.getProperty(key).trim());
            }
        }
        return channels;
    }
}
