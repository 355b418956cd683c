package io.lowcode.e2e.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.lowcode.e2e.manifests.Manifests.Document;
import io.lowcode.eventschema.TopicCatalog;
import io.lowcode.eventschema.TopicSpec;

/**
 * The manifests of {@code k8s/} against the real APIs and against the code. Every document must be a strictly valid
 * object of the Kubernetes API (typed fabric8 model, no unknown field) or of the Strimzi, KEDA and Prometheus Operator
 * CRDs (their JSON Schemas); and what the manifests say must be what the services do: image tags and version labels =
 * the project version, Secrets readable by the pod's user, each service waiting for the schema version it requires,
 * ports and probes = its configuration, KEDA triggers = its consumer groups with caps from partitions ÷ per-pod
 * concurrency, Kafka ACLs = what it produces and consumes, the migrator Job checking first and exposing progress.
 * Topics = the catalog is {@code KafkaTopicManifestTest} (local-stack core); metric names of the alert rules =
 * what the services export is {@code PrometheusRuleMetricsIT} (a running platform).
 *
 * <p>{@code -Dk8s.dir=<folder>} runs the checks on other manifests (e.g. an older release's).
 */
class ManifestTest {

    private static final String REGISTRY = "registry.example.com/lowcode/";
    private static final String VERSION = System.getProperty("project.version", "");
    private static Manifests manifests;

    @BeforeAll
    static void load() {
        manifests = Manifests.load();
        assertThat(VERSION).as("project.version (set by Maven)").isNotBlank();
    }

    @Test
    void everyDocumentIsAStrictObjectOfTheKubernetesApiOrOfItsOperatorsCrds() {
        Map<String, List<String>> problems = new TreeMap<>();
        for (Document d : manifests.objects()) {
            List<String> found = StrictModel.problems(d);
            if (!found.isEmpty()) {
                problems.put(d.toString(), found);
            }
        }
        assertThat(manifests.objects()).hasSizeGreaterThan(40);
        assertThat(problems).as("documents that the API server would reject or silently prune").isEmpty();
    }

    @Test
    void theKustomizationAppliesEveryManifestButTheSecretsTemplate() throws IOException {
        Set<String> listed = new TreeSet<>();
        manifests.ofKind("Kustomization").get(0).node().path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(manifests.root())) {
            walk.filter(f -> f.toString().endsWith(".yaml")).map(f -> manifests.root().relativize(f).toString())
                    .filter(f -> !f.equals("kustomization.yaml") && !f.startsWith("secrets/")).forEach(files::add);
        }
        assertThat(listed).isEqualTo(files);
    }

    @Test
    void imageTagsVersionLabelsAndTheJobNameAreTheProjectVersion() {
        List<String> wrong = new ArrayList<>();
        for (Document d : manifests.objects()) {
            d.node().findParents("image").forEach(container -> {
                String image = container.path("image").asText();
                if (image.startsWith(REGISTRY) && !image.endsWith(":" + VERSION)) {
                    wrong.add(d + ": image " + image);
                }
            });
            d.node().findValues("labels").forEach(labels -> {
                JsonNode version = labels.get("app.kubernetes.io/version");
                if (version != null && !version.asText().equals(VERSION)) {
                    wrong.add(d + ": label app.kubernetes.io/version " + version.asText());
                }
            });
        }
        assertThat(wrong).as("not version " + VERSION).isEmpty();
        List<Document> jobs = manifests.ofKind("Job");
        assertThat(jobs).extracting(Document::name).containsExactly("ops-migrator-" + VERSION.replace('.', '-'));
        Set<String> images = new TreeSet<>();
        manifests.objects().forEach(d -> d.node().findValues("image").forEach(i -> {
            if (i.asText().startsWith(REGISTRY)) {
                images.add(i.asText());
            }
        }));
        assertThat(images).containsExactlyInAnyOrder(Stream.of("workstation", "admin-center", "portal", "ops-migrator")
                .map(m -> REGISTRY + m + ":" + VERSION).toArray(String[]::new));
    }

    @Test
    void mountedSecretsAndConfigMapsAreReadableByThePodsUser() {
        List<String> unreadable = new ArrayList<>();
        for (Document d : podOwners()) {
            PodSpec pod = podTemplate(d).getSpec();
            Long fsGroup = pod.getSecurityContext() == null ? null : pod.getSecurityContext().getFsGroup();
            Long podUser = pod.getSecurityContext() == null ? null : pod.getSecurityContext().getRunAsUser();
            Map<String, Volume> volumes = new HashMap<>();
            pod.getVolumes().forEach(v -> volumes.put(v.getName(), v));
            for (Container c : containers(pod)) {
                Long user = c.getSecurityContext() != null && c.getSecurityContext().getRunAsUser() != null
                        ? c.getSecurityContext().getRunAsUser() : podUser;
                for (VolumeMount mount : c.getVolumeMounts()) {
                    Volume v = volumes.get(mount.getName());
                    for (Map.Entry<String, Integer> file : fileModes(v).entrySet()) {
                        if (!readable(user, fsGroup, file.getValue())) {
                            unreadable.add(String.format("%s container %s: %s/%s mode %o, user %s, fsGroup %s", d, c.getName(),
                                    mount.getMountPath(), file.getKey(), file.getValue(), user, fsGroup));
                        }
                    }
                }
            }
        }
        assertThat(unreadable).isEmpty();
    }

    @Test
    void eachServiceWaitsForTheSchemaVersionItsBuildRequires() {
        ConfigMap wait = StrictModel.typed(manifests.one("ConfigMap", "lowcode-schema-wait"), ConfigMap.class);
        String script = wait.getData().get("wait-for-schema.sh");
        assertThat(script).as("the wait gives up with a failure and says why")
                .contains("LOWCODE_SCHEMA_WAIT_TIMEOUT_SECONDS", "exit 1", "LOWCODE_REQUIRED_SCHEMA_VERSION");
        for (String service : ServiceSettings.SERVICES) {
            ServiceSettings settings = ServiceSettings.of(service);
            Deployment deployment = deployment(service);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container init = pod.getInitContainers().stream().filter(c -> c.getName().equals("wait-for-schema"))
                    .findFirst().orElseThrow(() -> new AssertionError(service + " has no wait-for-schema init container"));
            assertThat(env(init, "LOWCODE_SCHEMA")).as(service).isEqualTo(settings.schema());
            assertThat(env(init, "LOWCODE_REQUIRED_SCHEMA_VERSION")).as(service).isEqualTo(settings.requiredSchemaVersion());
            int timeout = Integer.parseInt(env(init, "LOWCODE_SCHEMA_WAIT_TIMEOUT_SECONDS"));
            assertThat(timeout).as(service + ": the wait ends before the rollout's deadline")
                    .isPositive().isLessThanOrEqualTo(deployment.getSpec().getProgressDeadlineSeconds());
            assertThat(init.getEnv()).filteredOn(e -> e.getName().equals("PGUSER")).singleElement()
                    .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("lowcode-db-" + service));
            assertThat(String.join(" ", init.getCommand())).contains("wait-for-schema.sh");
            assertThat(pod.getVolumes()).as(service).anySatisfy(v ->
                    assertThat(v.getConfigMap() == null ? null : v.getConfigMap().getName()).isEqualTo("lowcode-schema-wait"));
        }
    }

    @Test
    void portsAndProbesAreTheServicesConfiguration() {
        for (String service : ServiceSettings.SERVICES) {
            int port = ServiceSettings.of(service).httpPort();
            int management = ServiceSettings.of(service).managementPort();
            assertThat(management).as(service + ": the management port is not the API port").isNotEqualTo(port);
            Deployment deployment = deployment(service);
            Container app = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(app.getPorts()).extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                    .as(service).containsExactly(org.assertj.core.groups.Tuple.tuple("http", port),
                            org.assertj.core.groups.Tuple.tuple("management", management));
            ConfigMap config = StrictModel.typed(manifests.one("ConfigMap", service + "-config"), ConfigMap.class);
            assertThat(config.getData()).as(service).containsEntry("QUARKUS_HTTP_PORT", Integer.toString(port))
                    .containsEntry("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/port", Integer.toString(management))
                    .containsEntry("prometheus.io/path", "/q/metrics");
            // /q/* is served on the management port only (quarkus.management.enabled): probes and scraping go there
            probe(app.getStartupProbe(), "/q/health/started", service);
            probe(app.getReadinessProbe(), "/q/health/ready", service);
            probe(app.getLivenessProbe(), "/q/health/live", service);
            Service svc = StrictModel.typed(manifests.one("Service", service), Service.class);
            assertThat(svc.getSpec().getPorts()).extracting(ServicePort::getPort, p -> p.getTargetPort().getStrVal())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(port, "http"),
                            org.assertj.core.groups.Tuple.tuple(management, "management"));
            assertThat(svc.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            JsonNode monitor = manifests.one("ServiceMonitor", service).node().path("spec");
            assertThat(monitor.path("endpoints").get(0).path("port").asText()).isEqualTo("management");
            assertThat(monitor.path("endpoints").get(0).path("path").asText()).isEqualTo("/q/metrics");
        }
    }

    @Test
    void onlyPrometheusReachesTheManagementPorts() {
        JsonNode http = manifests.one("NetworkPolicy", "services-http").node().path("spec").path("ingress").get(0);
        assertThat(http.path("ports").findValuesAsText("port")).containsExactly("http");
        JsonNode management = manifests.one("NetworkPolicy", "services-management").node().path("spec").path("ingress");
        assertThat(management).hasSize(1);
        assertThat(management.get(0).path("ports").findValuesAsText("port")).containsExactly("management");
        assertThat(management.get(0).path("from").findValuesAsText("kubernetes.io/metadata.name"))
                .containsExactly("monitoring");
    }

    @Test
    void kedaTriggersWatchTheServicesConsumerGroupsWithCapsFromPartitionsPerPod() {
        List<String> wrong = new ArrayList<>();
        Set<String> scaled = new HashSet<>();
        for (Document d : manifests.ofKind("ScaledObject")) {
            JsonNode spec = d.node().path("spec");
            String service = spec.path("scaleTargetRef").path("name").asText();
            scaled.add(service);
            List<ServiceSettings.Incoming> channels = ServiceSettings.of(service).groupConsumers().stream()
                    .filter(c -> !c.readsDeadLettersOnly()).toList();
            Set<String> triggered = new TreeSet<>();
            for (JsonNode trigger : spec.path("triggers")) {
                JsonNode meta = trigger.path("metadata");
                String group = meta.path("consumerGroup").asText();
                Optional<ServiceSettings.Incoming> channel = channels.stream().filter(c -> group.equals(c.groupId())).findFirst();
                if (channel.isEmpty()) {
                    wrong.add(d + ": trigger " + trigger.path("name").asText() + " watches group " + group + ", which "
                            + service + " does not have");
                    continue;
                }
                triggered.add(group);
                // a group reading several topics is watched as a whole (a trigger without a topic counts them all)
                String expectedTopic = channel.get().topics().size() == 1 ? channel.get().topic() : "";
                if (!meta.path("topic").asText().equals(expectedTopic)) {
                    wrong.add(d + ": " + group + " reads " + channel.get().topics() + ", not " + meta.path("topic").asText());
                }
                if (!meta.path("offsetResetPolicy").asText().equals(channel.get().autoOffsetReset())) {
                    wrong.add(d + ": " + group + " offsetResetPolicy " + meta.path("offsetResetPolicy").asText()
                            + ", but the consumer starts at " + channel.get().autoOffsetReset());
                }
            }
            channels.stream().map(ServiceSettings.Incoming::groupId).filter(g -> !triggered.contains(g))
                    .forEach(g -> wrong.add(d + ": no trigger for group " + g));
            int cap = channels.stream().mapToInt(ManifestTest::podsWithWork).max().orElseThrow();
            if (spec.path("maxReplicaCount").asInt() != cap) {
                wrong.add(d + ": maxReplicaCount " + spec.path("maxReplicaCount").asInt() + ", but beyond " + cap
                        + " pods consumers sit idle (partitions / concurrency per pod)");
            }
            if (spec.path("minReplicaCount").asInt() > cap) {
                wrong.add(d + ": minReplicaCount above " + cap);
            }
            if (deployment(service).getSpec().getReplicas() != null) {
                wrong.add(d + ": the Deployment sets replicas, which every apply would reset");
            }
        }
        for (String service : ServiceSettings.SERVICES) {
            if (!scaled.contains(service)) {
                Integer replicas = deployment(service).getSpec().getReplicas();
                for (ServiceSettings.Incoming channel : ServiceSettings.of(service).groupConsumers()) {
                    for (String topic : channel.topics()) {
                        if (replicas == null || replicas * channel.concurrency() < partitions(topic)) {
                            wrong.add(service + ": " + replicas + " pods x " + channel.concurrency()
                                    + " consumers leave partitions of " + topic + " unread");
                        }
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void kafkaUsersGrantExactlyWhatEachServiceProducesAndConsumes() {
        Map<String, Map<String, Set<String>>> expected = new TreeMap<>();
        for (String service : ServiceSettings.SERVICES) {
            ServiceSettings settings = ServiceSettings.of(service);
            Map<String, Set<String>> acl = new TreeMap<>();
            settings.producedTopics().forEach(t -> grant(acl, "topic:" + t, "Write", "Describe"));
            for (ServiceSettings.Incoming in : settings.incoming()) {
                in.topics().forEach(t -> grant(acl, "topic:" + t, "Read", "Describe"));
                in.deadLetterTopic().ifPresent(t -> grant(acl, "topic:" + t, "Write", "Describe"));
                if (in.readsDeadLettersOnly()) {
                    // A replay re-publishes a dead letter to the topic it came from.
                    in.topics().forEach(t -> grant(acl, "topic:" + t.substring(0, t.length() - ".dlq".length()), "Write",
                            "Describe"));
                }
                assertThat(in.groupId()).as(service + " group ids start with its name").startsWith(service + ".");
            }
            settings.outgoingTopics().forEach(t -> grant(acl, "topic:" + t, "Write", "Describe"));
            grant(acl, "group-prefix:" + service + ".", "Read", "Describe");
            if (service.equals("admin-center")) {
                // the operations API and console: it reads the cluster, every topic's configuration and every group's
                // offsets (monitoring), changes retention (AlterConfigs) and adds partitions (Alter) to the catalog's
                // topics (managed configuration)
                grant(acl, "cluster", "Describe");
                grant(acl, "group:*", "Describe");
                TopicCatalog.all().forEach(t -> grant(acl, "topic:" + t.name(), "Describe", "DescribeConfigs",
                        "AlterConfigs", "Alter"));
            }
            expected.put(service, acl);
        }
        Map<String, Set<String>> lagReader = new TreeMap<>();
        for (Document d : manifests.ofKind("ScaledObject")) {
            String service = d.node().path("spec").path("scaleTargetRef").path("name").asText();
            grant(lagReader, "group-prefix:" + service + ".", "Describe");
            List<ServiceSettings.Incoming> channels = ServiceSettings.of(service).groupConsumers();
            d.node().path("spec").path("triggers").forEach(t -> {
                String topic = t.path("metadata").path("topic").asText();
                String group = t.path("metadata").path("consumerGroup").asText();
                // a trigger without a topic reads the lag of every topic of its group
                List<String> topics = !topic.isEmpty() ? List.of(topic) : channels.stream()
                        .filter(c -> group.equals(c.groupId())).findFirst().map(ServiceSettings.Incoming::topics)
                        .orElse(List.of());
                topics.forEach(x -> grant(lagReader, "topic:" + x, "Describe"));
            });
        }
        expected.put("keda-lag-reader", lagReader);

        Map<String, Map<String, Set<String>>> granted = new TreeMap<>();
        for (Document user : manifests.ofKind("KafkaUser")) {
            Map<String, Set<String>> acl = new TreeMap<>();
            for (JsonNode entry : user.node().path("spec").path("authorization").path("acls")) {
                JsonNode r = entry.path("resource");
                String key = r.path("type").asText() + ("prefix".equals(r.path("patternType").asText()) ? "-prefix" : "")
                        + (r.has("name") ? ":" + r.path("name").asText() : "");
                entry.path("operations").forEach(op -> grant(acl, key, op.asText()));
            }
            granted.put(user.name(), acl);
        }
        assertThat(granted).isEqualTo(expected);
    }

    @Test
    void theMigratorJobChecksFirstExposesProgressAndItsFailureIsAlerted() {
        Document jobDocument = manifests.ofKind("Job").get(0);
        PodSpec pod = StrictModel.typed(jobDocument, Job.class).getSpec().getTemplate().getSpec();
        String image = REGISTRY + "ops-migrator:" + VERSION;
        List<String> initArgs = pod.getInitContainers().stream()
                .map(c -> c.getArgs() == null || c.getArgs().isEmpty() ? "" : c.getArgs().get(0)).toList();
        assertThat(initArgs).as("check runs before migrate, both before the pod's containers").contains("check", "migrate");
        assertThat(initArgs.indexOf("check")).isLessThan(initArgs.indexOf("migrate"));
        Container check = pod.getInitContainers().get(initArgs.indexOf("check"));
        assertThat(check.getImage()).isEqualTo(image);
        assertThat(check.getArgs()).containsExactly("check");
        Container migrate = pod.getInitContainers().get(initArgs.indexOf("migrate"));
        assertThat(migrate.getImage()).isEqualTo(image);
        assertThat(pod.getContainers()).as("the smoke test runs once the schema is migrated").singleElement()
                .satisfies(smoke -> {
                    assertThat(smoke.getImage()).isEqualTo(image);
                    assertThat(smoke.getArgs()).startsWith("smoke");
                });
        assertThat(migrate.getArgs()).startsWith("migrate").contains("--metrics-file", "--metrics-port");
        String port = migrate.getArgs().get(migrate.getArgs().indexOf("--metrics-port") + 1);
        assertThat(migrate.getPorts()).extracting(ContainerPort::getName, p -> p.getContainerPort().toString())
                .contains(org.assertj.core.groups.Tuple.tuple("metrics", port));
        Map<String, String> podLabels = StrictModel.typed(jobDocument, Job.class).getSpec().getTemplate().getMetadata()
                .getLabels();
        assertThat(manifests.ofKind("PodMonitor")).as("Prometheus scrapes the migrator's progress").anySatisfy(m -> {
            JsonNode spec = m.node().path("spec");
            spec.path("selector").path("matchLabels").fields().forEachRemaining(e ->
                    assertThat(podLabels).containsEntry(e.getKey(), e.getValue().asText()));
            assertThat(spec.path("podMetricsEndpoints").get(0).path("port").asText()).isEqualTo("metrics");
        });
        assertThat(manifests.alertExpressions()).as("the Job's outcome reaches the alert rules")
                .anySatisfy(expr -> assertThat(expr).contains("kube_job_status_failed", "ops-migrator-"));
    }

    private static int podsWithWork(ServiceSettings.Incoming channel) {
        // each topic of a group is spread over its consumers on its own: its partitions bound the useful consumers
        int partitions = channel.topics().stream().mapToInt(ManifestTest::partitions).max().orElseThrow();
        return (partitions + channel.concurrency() - 1) / channel.concurrency();
    }

    private static int partitions(String topic) {
        return TopicCatalog.all().stream().filter(t -> t.name().equals(topic)).mapToInt(TopicSpec::partitions)
                .findFirst().orElseThrow(() -> new AssertionError("no topic " + topic + " in the catalog"));
    }

    private static void grant(Map<String, Set<String>> acl, String resource, String... operations) {
        acl.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(List.of(operations));
    }

    private static void probe(Probe probe, String path, String service) {
        assertThat(probe).as(service + " probe " + path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(service).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(service).isEqualTo("management");
    }

    private static Deployment deployment(String service) {
        return StrictModel.typed(manifests.one("Deployment", service), Deployment.class);
    }

    private static List<Document> podOwners() {
        return manifests.matching(d -> Set.of("Deployment", "StatefulSet", "Job").contains(d.kind()));
    }

    private static PodTemplateSpec podTemplate(Document d) {
        return switch (d.kind()) {
            case "Deployment" -> StrictModel.typed(d, Deployment.class).getSpec().getTemplate();
            case "StatefulSet" -> StrictModel.typed(d, StatefulSet.class).getSpec().getTemplate();
            case "Job" -> StrictModel.typed(d, Job.class).getSpec().getTemplate();
            default -> throw new IllegalArgumentException(d.kind());
        };
    }

    private static List<Container> containers(PodSpec pod) {
        List<Container> all = new ArrayList<>(pod.getInitContainers());
        all.addAll(pod.getContainers());
        return all;
    }

    /** File → mode of the files a Secret or ConfigMap volume puts in the container (Kubernetes' default 0644). */
    private static Map<String, Integer> fileModes(Volume volume) {
        Map<String, Integer> modes = new TreeMap<>();
        Integer defaultMode;
        List<KeyToPath> items;
        if (volume == null) {
            return modes;
        } else if (volume.getSecret() != null) {
            defaultMode = volume.getSecret().getDefaultMode();
            items = volume.getSecret().getItems();
        } else if (volume.getConfigMap() != null) {
            defaultMode = volume.getConfigMap().getDefaultMode();
            items = volume.getConfigMap().getItems();
        } else {
            return modes;
        }
        int fallback = defaultMode == null ? 0644 : defaultMode;
        if (items == null || items.isEmpty()) {
            modes.put("*", fallback);
        } else {
            items.forEach(i -> modes.put(i.getPath(), i.getMode() == null ? fallback : i.getMode()));
        }
        return modes;
    }

    /** Files of such a volume belong to root, and to group fsGroup when the pod sets one. */
    private static boolean readable(Long user, Long fsGroup, int mode) {
        return (user != null && user == 0) || (mode & 04) != 0 || (fsGroup != null && (mode & 040) != 0);
    }

    private static String env(Container container, String name) {
        return Optional.ofNullable(container.getEnv()).orElse(List.of()).stream().filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no " + name));
    }
}
