package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.e2e.manifests.Manifests;
import io.restassured.RestAssured;

/**
 * Every metric an alert rule of {@code k8s/monitoring/prometheus-rules.yaml} reads from the platform's own
 * processes exists: the names the three running services export at {@code /q/metrics}, and the names the
 * migrator writes while it migrates (its {@code --metrics-file}, served by the Job at :9400). Names from other
 * exporters (kube-state-metrics, kubelet, Prometheus' {@code up}, the Kafka nodes' JMX exporter, the Kafka Exporter)
 * are listed by prefix and not checked here.
 */
class PrometheusRuleMetricsIT {

    /** A metric selector in PromQL: a name directly followed by its label matchers. */
    private static final Pattern SELECTOR = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{");
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");
    private static final List<String> OTHER_EXPORTERS = List.of("kube_", "kubelet_", "up", "kafka_server_",
            "kafka_controller_", "kafka_cluster_", "kafka_consumergroup_", "kafka_topic_");

    private static RunningPlatform platform;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.shared();
    }

    @Test
    void everyMetricTheAlertRulesReadIsOneThePlatformExports() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String expr : Manifests.load().alertExpressions()) {
            Matcher m = SELECTOR.matcher(expr);
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        Set<String> ours = new TreeSet<>(used);
        ours.removeIf(name -> OTHER_EXPORTERS.stream().anyMatch(p -> p.equals(name) || (p.endsWith("_") && name.startsWith(p))));
        assertThat(ours).as("metrics the platform's processes must export").isNotEmpty();

        Map<String, Set<String>> exported = new TreeMap<>();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Map<String, String> services = Map.of("workstation", platform.management("workstation"),
                    "admin-center", platform.management("admin-center"), "portal", platform.management("portal"));
            for (Map.Entry<String, String> service : services.entrySet()) {
                exported.put(service.getKey(), names(RestAssured.given().get(service.getValue() + "/q/metrics")
                        .then().statusCode(200).extract().asString()));
            }
            exported.put("ops-migrator", names(Files.readString(platform.platform().logDirectory().resolve("ops-migrator.prom"))));
            Set<String> all = new TreeSet<>();
            exported.values().forEach(all::addAll);
            assertThat(all).as("exported by " + exported.keySet()).containsAll(ours);
        });
    }

    private static Set<String> names(String exposition) {
        Set<String> names = new TreeSet<>();
        Matcher m = SAMPLE.matcher(exposition);
        while (m.find()) {
            String name = m.group(1);
            names.add(name);
            // histograms and summaries: the rule may read the family
            names.add(name.replaceFirst("_(bucket|count|sum|max)$", ""));
        }
        return names;
    }
}
