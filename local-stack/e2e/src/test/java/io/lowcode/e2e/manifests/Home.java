package io.lowcode.e2e.manifests;

import java.nio.file.Path;

/** The repository root (Maven sets {@code platform.home}; from an IDE the module's grandparent). */
final class Home {

    private Home() {
    }

    static Path path() {
        return Path.of(System.getProperty("platform.home", "../..")).toAbsolutePath().normalize();
    }
}
