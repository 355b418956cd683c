package io.lowcode.e2e.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every YAML document under {@code k8s/} (the repository's, or the folder named by {@code -Dk8s.dir=...}, e.g. an
 * older checkout), as JSON trees, with the file each came from. YAML is read as kubectl reads it (YAML 1.1: a
 * leading-zero number such as {@code 0440} is octal).
 */
public final class Manifests {

    static final YAMLMapper YAML = new YAMLMapper();

    /** One document: its file (relative to k8s/), its position in the file, its content. */
    record Document(String file, int index, JsonNode node) {

        String kind() {
            return node.path("kind").asText();
        }

        String apiVersion() {
            return node.path("apiVersion").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return file + "#" + index + " " + kind() + "/" + name();
        }
    }

    private final Path root;
    private final List<Document> documents;

    private Manifests(Path root, List<Document> documents) {
        this.root = root;
        this.documents = documents;
    }

    public static Manifests load() {
        Path root = Path.of(System.getProperty("k8s.dir", Home.path().resolve("k8s").toString()));
        List<Document> documents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String relative = root.relativize(file).toString();
                try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    int index = 0;
                    while (docs.hasNext()) {
                        JsonNode node = docs.next();
                        if (node != null && !node.isNull() && !node.isEmpty()) {
                            documents.add(new Document(relative, index, node));
                        }
                        index++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifests(root, documents);
    }

    Path root() {
        return root;
    }

    /** Every Kubernetes object (the kustomization excluded). */
    List<Document> objects() {
        return documents.stream().filter(d -> !d.kind().equals("Kustomization")).toList();
    }

    List<Document> ofKind(String kind) {
        return documents.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    Document one(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + root));
    }

    Optional<Document> find(String kind, String name) {
        return documents.stream().filter(d -> d.kind().equals(kind) && d.name().equals(name)).findFirst();
    }

    List<Document> matching(Predicate<Document> predicate) {
        return documents.stream().filter(predicate).toList();
    }

    /** Every container image any pod of the manifests runs. */
    public java.util.Set<String> images() {
        java.util.Set<String> images = new java.util.TreeSet<>();
        objects().forEach(d -> d.node().findValues("image").forEach(i -> images.add(i.asText())));
        return images;
    }

    /** The PromQL expression of every alert rule of every PrometheusRule. */
    public List<String> alertExpressions() {
        List<String> expressions = new ArrayList<>();
        for (Document rules : ofKind("PrometheusRule")) {
            rules.node().path("spec").path("groups").forEach(g -> g.path("rules").forEach(r ->
                    expressions.add(r.path("expr").asText())));
        }
        return expressions;
    }
}
