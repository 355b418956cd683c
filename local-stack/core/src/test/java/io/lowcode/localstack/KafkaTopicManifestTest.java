package io.lowcode.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.TopicCatalog;
import io.lowcode.eventschema.TopicSpec;

/**
 * The Kubernetes topics agree with the code's catalog: {@code k8s/kafka/topics.yaml} is exactly the Strimzi
 * {@code KafkaTopic} rendering of {@link TopicCatalog#all()} with the production durability, and the other
 * manifests name no topic the catalog does not have.
 *
 * <p>Run with {@code -Dk8s.regenerate=true} to write the file instead of checking it.
 */
class KafkaTopicManifestTest {

    /** Surefire runs in the module's base directory; the manifests live at the top of the repository. */
    private static final Path K8S = Path.of("..", "..", "k8s");
    private static final Path MANIFEST = K8S.resolve(Path.of("kafka", "topics.yaml"));
    private static final Path USERS = K8S.resolve(Path.of("kafka", "users.yaml"));

    private static final String REGENERATE_PROPERTY = "k8s.regenerate";
    private static final String REGENERATE_COMMAND =
            "./mvnw -q -pl local-stack/core test -Dtest=KafkaTopicManifestTest -Dk8s.regenerate=true";

    /** {@code metadata.name} of the Strimzi {@code Kafka} resource in {@code k8s/kafka/kafka-cluster.yaml}. */
    private static final String CLUSTER = "lowcode-kafka";
    private static final String NAMESPACE = "lowcode";
    /** Production durability (ARCHITECTURE.md §3): every partition on three brokers, two in sync for a write. */
    private static final int REPLICAS = 3;
    private static final int MIN_INSYNC_REPLICAS = 2;

    private static final String HEADER = """
            # Generated from io.lowcode.eventschema.TopicCatalog — edit the catalog, then regenerate (see k8s/README.md).
            # Strimzi KafkaTopic resources of cluster %s: replication factor %d, min.insync.replicas %d.
            # Regenerate: %s
            """.formatted(CLUSTER, REPLICAS, MIN_INSYNC_REPLICAS, REGENERATE_COMMAND);

    /** A catalog-style topic name standing alone (not part of a longer word or a resource name like {@code x-events-dlq}). */
    private static final Pattern TOPIC_NAME = Pattern.compile("(?<![\\w.-])[a-z][a-z0-9-]*-events(?:\\.dlq)?(?![\\w.-])");
    private static final Pattern PLAIN_SCALAR = Pattern.compile("-?[0-9]+|[A-Za-z_][A-Za-z0-9._,/-]*");
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null");

    @Test
    void committedTopicManifestIsTheRenderedCatalog() throws IOException {
        String expected = render(TopicCatalog.all());
        if (Boolean.getBoolean(REGENERATE_PROPERTY)) {
            Files.createDirectories(MANIFEST.getParent());
            Files.writeString(MANIFEST, expected, StandardCharsets.UTF_8);
            return;
        }
        assertThat(MANIFEST).as("%s is missing; create it with:%n  %s", MANIFEST.normalize(), REGENERATE_COMMAND)
                .exists();
        assertThat(Files.readString(MANIFEST, StandardCharsets.UTF_8))
                .as("%s is not the rendering of TopicCatalog.all(); after changing the catalog regenerate it with:%n  %s",
                        MANIFEST.normalize(), REGENERATE_COMMAND)
                .isEqualTo(expected);
    }

    @Test
    void everyCatalogTopicGetsADistinctValidResourceName() {
        List<String> names = TopicCatalog.all().stream().map(t -> resourceName(t.name())).toList();

        assertThat(names).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).hasSizeLessThanOrEqualTo(253)
                        .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"));
    }

    @Test
    void otherManifestsNameOnlyCatalogTopics() {
        Set<String> catalog = TopicCatalog.all().stream().map(TopicSpec::name).collect(Collectors.toSet());

        TreeMap<String, Set<String>> unknown = new TreeMap<>();
        for (Path file : manifestsOtherThanTopics()) {
            Set<String> strangers = topicNamesIn(file).stream()
                    .filter(name -> !catalog.contains(name))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!strangers.isEmpty()) {
                unknown.put(K8S.relativize(file).toString(), strangers);
            }
        }

        assertThat(unknown).as("topics named in k8s/ that TopicCatalog does not have (file -> topics)").isEmpty();
    }

    @Test
    void everyCatalogTopicIsGrantedToSomeKafkaUser() {
        Set<String> granted = topicNamesIn(USERS);

        assertThat(granted).as("topics with an ACL in %s", USERS.normalize())
                .containsAll(TopicCatalog.all().stream().map(TopicSpec::name).toList());
    }

    /** The catalog as Strimzi {@code KafkaTopic} documents, in catalog order. */
    static String render(List<TopicSpec> topics) {
        StringBuilder yaml = new StringBuilder(HEADER);
        for (TopicSpec topic : topics) {
            yaml.append("---\n")
                    .append("apiVersion: kafka.strimzi.io/v1\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(resourceName(topic.name())).append('\n')
                    .append("  namespace: ").append(NAMESPACE).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(CLUSTER).append('\n')
                    .append("    app.kubernetes.io/part-of: lowcode\n")
                    .append("    lowcode.io/dead-letter: \"").append(topic.deadLetter()).append("\"\n")
                    .append("spec:\n")
                    .append("  topicName: ").append(scalar(topic.name())).append('\n')
                    .append("  partitions: ").append(topic.partitions()).append('\n')
                    .append("  replicas: ").append(REPLICAS).append('\n')
                    .append("  config:\n");
            topic.configs(MIN_INSYNC_REPLICAS).forEach((key, value) ->
                    yaml.append("    ").append(key).append(": ").append(scalar(value)).append('\n'));
        }
        return yaml.toString();
    }

    /**
     * Resource names are kept to DNS labels ({@code function-unit-events.dlq} becomes {@code function-unit-events-dlq});
     * {@code spec.topicName} carries the real topic name.
     */
    static String resourceName(String topic) {
        return topic.replace('.', '-');
    }

    /** A YAML scalar: plain when it reads back as the same number or string, double-quoted otherwise. */
    static String scalar(String value) {
        if (PLAIN_SCALAR.matcher(value).matches() && !YAML_WORDS.contains(value.toLowerCase(Locale.ROOT))) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static List<Path> manifestsOtherThanTopics() {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !f.normalize().equals(MANIFEST.normalize()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> topicNamesIn(Path file) {
        try {
            Matcher matcher = TOPIC_NAME.matcher(Files.readString(file, StandardCharsets.UTF_8));
            Set<String> names = new TreeSet<>();
            while (matcher.find()) {
                names.add(matcher.group());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
