package io.lowcode.e2e.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.lowcode.e2e.images.OciImage.Entry;
import io.lowcode.e2e.images.OciImage.Layer;
import io.lowcode.e2e.manifests.Manifests;

/**
 * The four image tarballs of {@code ./mvnw -Pimages package}, opened without Docker: OCI layout, named after the
 * project version exactly as the manifests run them, the Quarkus fast-jar under {@code /deployments} in its own
 * layers on top of the Java runtime, started as {@code java -jar /deployments/quarkus-run.jar} by user 185, every
 * application file readable by that user, nothing of Jib's default {@code /app} copy and no AppCDS archive (it would
 * not match the image's Java runtime). Runs only in a build with the profile {@code images}.
 */
@EnabledIfSystemProperty(named = "images.built", matches = "true")
class ContainerImageTest {

    private static final String VERSION = System.getProperty("project.version");
    private static final String REGISTRY = System.getProperty("images.registry", "registry.example.com/lowcode");

    /** Application → its module folder. */
    static Stream<Map.Entry<String, String>> applications() {
        Map<String, String> apps = new TreeMap<>(Map.of("workstation", "workstation/service",
                "admin-center", "admin-center/service", "portal", "portal/service", "ops-migrator", "ops-migrator"));
        return apps.entrySet().stream();
    }

    @ParameterizedTest
    @MethodSource("applications")
    void theImageRunsTheQuarkusAppAsUser185OnTheJavaRuntimeAndIsTheOneTheManifestsName(Map.Entry<String, String> app) {
        String name = app.getKey();
        Path home = Path.of(System.getProperty("platform.home", "../..")).toAbsolutePath().normalize();
        Path tarball = home.resolve(app.getValue()).resolve("target").resolve(name + "-" + VERSION + "-image.tar");
        assertThat(tarball).exists();
        OciImage image = OciImage.open(tarball);

        String reference = REGISTRY + "/" + name + ":" + VERSION;
        assertThat(image.referenceName()).isEqualTo(reference);
        assertThat(Manifests.load().images()).as("the manifests run this very image").contains(reference);
        assertThat(image.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");

        JsonNode run = image.runConfig();
        assertThat(run.path("User").asText()).isEqualTo("185:185");
        assertThat(run.path("WorkingDir").asText()).isEqualTo("/deployments");
        assertThat(strings(run.path("Entrypoint"))).startsWith("java").endsWith("-jar", "/deployments/quarkus-run.jar");
        assertThat(run.path("Labels").path("org.opencontainers.image.version").asText()).isEqualTo(VERSION);

        List<Layer> layers = image.layers();
        assertThat(layers).as("the Java runtime, then the application's layers").hasSizeGreaterThanOrEqualTo(4);
        Map<String, Entry> base = layers.get(0).files();
        assertThat(base).containsKeys("/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "/etc/passwd");
        assertThat(layers.get(0).etc().get("/etc/passwd")).contains("lowcode:x:185:185:");

        Map<String, Entry> all = new TreeMap<>();
        layers.forEach(l -> all.putAll(l.files()));
        assertThat(all).containsKeys("/deployments/quarkus-run.jar", "/deployments/quarkus/quarkus-application.dat",
                "/deployments/app/" + name + "-" + VERSION + ".jar");
        assertThat(all.keySet()).anyMatch(p -> p.startsWith("/deployments/lib/boot/") && p.endsWith(".jar"))
                .anyMatch(p -> p.startsWith("/deployments/lib/main/") && p.endsWith(".jar"))
                .noneMatch(p -> p.equals("/app") || p.startsWith("/app/"))
                .doesNotContain("/deployments/app-cds.jsa");
        assertThat(all.values()).filteredOn(e -> e.path().startsWith("/deployments/") && !e.directory())
                .as("application files readable by user 185").allMatch(e -> (e.mode() & 04) != 0 || e.uid() == 185);

        int libraries = layerWith(layers, "/deployments/lib/main/");
        int application = layerWith(layers, "/deployments/quarkus-run.jar");
        assertThat(libraries).as("libraries below the application: a code change rebuilds one small layer")
                .isPositive().isLessThan(application);
        assertThat(layers.get(application).compressedSize()).isLessThan(layers.get(libraries).compressedSize());
        System.out.printf("image %s: %d layers, %.1f MB compressed (runtime layer %.1f MB)%n", reference, layers.size(),
                image.compressedSize() / 1e6, layers.get(0).compressedSize() / 1e6);
    }

    private static int layerWith(List<Layer> layers, String prefix) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).files().keySet().stream().anyMatch(p -> p.startsWith(prefix))) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> strings(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
