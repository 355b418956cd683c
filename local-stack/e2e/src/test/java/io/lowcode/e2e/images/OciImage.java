package io.lowcode.e2e.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An OCI image layout tarball (what {@code jib:buildTar} writes with format OCI) opened without Docker: its reference
 * name, its config and, per layer, the files with their mode, owner and size (and the text of small files in /etc).
 */
final class OciImage {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One file of a layer. */
    record Entry(String path, int mode, long uid, long gid, long size, boolean directory, String linkTarget) {
    }

    /** One layer: its compressed size, its files in order, and the text of its small files under /etc. */
    record Layer(long compressedSize, Map<String, Entry> files, Map<String, String> etc) {
    }

    private final Path tarball;
    private final JsonNode manifestDescriptor;
    private final JsonNode manifest;
    private final JsonNode config;

    private OciImage(Path tarball, JsonNode manifestDescriptor, JsonNode manifest, JsonNode config) {
        this.tarball = tarball;
        this.manifestDescriptor = manifestDescriptor;
        this.manifest = manifest;
        this.config = config;
    }

    static OciImage open(Path tarball) {
        Map<String, byte[]> small = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarball))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.isFile() && e.getSize() < 1 << 20) {
                    small.put(e.getName(), tar.readAllBytes());
                }
            }
            JsonNode index = JSON.readTree(small.get("index.json"));
            JsonNode descriptor = index.path("manifests").get(0);
            JsonNode manifest = JSON.readTree(small.get(blob(descriptor)));
            JsonNode config = JSON.readTree(small.get(blob(manifest.path("config"))));
            return new OciImage(tarball, descriptor, manifest, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image reference it was built as ({@code org.opencontainers.image.ref.name}). */
    String referenceName() {
        return manifestDescriptor.path("annotations").path("org.opencontainers.image.ref.name").asText();
    }

    String mediaType() {
        return manifest.path("mediaType").asText();
    }

    /** The runtime configuration: User, Entrypoint, WorkingDir, Env, Labels. */
    JsonNode runConfig() {
        return config.path("config");
    }

    long compressedSize() {
        long total = 0;
        for (JsonNode layer : manifest.path("layers")) {
            total += layer.path("size").asLong();
        }
        return total;
    }

    /** Every layer with its files, bottom first; reads the tarball once more. */
    List<Layer> layers() {
        Map<String, Layer> byBlob = new LinkedHashMap<>();
        manifest.path("layers").forEach(l -> byBlob.put(blob(l), null));
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarball))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (byBlob.containsKey(e.getName())) {
                    Map<String, String> etc = new HashMap<>();
                    byBlob.put(e.getName(), new Layer(e.getSize(), files(tar, etc), etc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(byBlob.values());
    }

    private static Map<String, Entry> files(InputStream compressed, Map<String, String> etc) throws IOException {
        Map<String, Entry> files = new LinkedHashMap<>();
        TarArchiveInputStream layer = new TarArchiveInputStream(new GZIPInputStream(compressed));
        for (TarArchiveEntry e = layer.getNextEntry(); e != null; e = layer.getNextEntry()) {
            String path = normalize(e.getName());
            if (path.startsWith("/etc/") && e.isFile() && e.getSize() < 1 << 16) {
                etc.put(path, new String(layer.readAllBytes(), StandardCharsets.UTF_8));
            }
            files.put(path, new Entry(path, e.getMode(), e.getLongUserId(), e.getLongGroupId(), e.getSize(),
                    e.isDirectory(), e.isSymbolicLink() ? e.getLinkName() : null));
        }
        return files;
    }

    private static String normalize(String name) {
        String path = name.startsWith("./") ? name.substring(1) : name.startsWith("/") ? name : "/" + name;
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String blob(JsonNode descriptor) {
        return "blobs/sha256/" + descriptor.path("digest").asText().substring("sha256:".length());
    }
}
