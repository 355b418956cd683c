package io.lowcode.migrator.release;

import java.util.List;
import java.util.Optional;

/** Where the scripts of a schema step come from (the bundled Flyway scripts and down scripts). */
public interface ScriptSource {

    record Script(int version, String name, String sql) {
    }

    /** The up scripts of {@code schema} with {@code from < version <= to}, in order. */
    List<Script> upScripts(String schema, int from, int to);

    /** The down script of {@code version}, if the release ships one. */
    Optional<Script> downScript(String release, String schema, int version);
}
