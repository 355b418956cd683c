package io.lowcode.migrator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The migrator's own settings ({@code lowcode.migrator.*}, from the environment as {@code LOWCODE_MIGRATOR_*});
 * the database is Quarkus' datasource. Every key is documented in src-docs/ops-migrator.md.
 */
@ConfigMapping(prefix = "lowcode.migrator")
public interface MigratorConfig {

    /**
     * The running services, {@code name=url,...} (names {@code workstation}, {@code admin-center}, {@code portal}):
     * {@code check} asks their liveness, {@code smoke} drives them. Unset: not checked.
     */
    Optional<String> services();

    /**
     * The services' management interfaces, {@code name=url,...} (health under {@code /q/health}, on a port of its
     * own since 2.3.0): {@code check} and {@code smoke} ask liveness and readiness there. Unset for a service: its
     * {@link #services()} URL.
     */
    Optional<String> management();

    /**
     * Database roles that may read the migrator's state (runs, steps, reports, platform configuration) and each module
     * schema's Flyway history — the admin center's, for its console and the {@code migration-failed} alert
     * ({@code LOWCODE_MIGRATOR_STATE_READERS=lowcode_admin_center}). Granted after every {@code migrate}; roles that do
     * not exist are skipped. Unset: nobody.
     */
    Optional<java.util.List<String>> stateReaders();

    /** {@link #services()} as name → base URL, in the order given. */
    default Map<String, String> serviceUrls() {
        return urls(services());
    }

    /** Per service of {@link #serviceUrls()}: the base URL of its health checks ({@link #management()}). */
    default Map<String, String> healthUrls() {
        Map<String, String> management = urls(management());
        Map<String, String> health = new LinkedHashMap<>();
        serviceUrls().forEach((name, url) -> health.put(name, management.getOrDefault(name, url)));
        return health;
    }

    private static Map<String, String> urls(Optional<String> setting) {
        Map<String, String> urls = new LinkedHashMap<>();
        setting.ifPresent(list -> {
            for (String entry : list.split(",")) {
                if (!entry.isBlank()) {
                    String[] kv = entry.trim().split("=", 2);
                    urls.put(kv[0].trim(), (kv.length > 1 ? kv[1] : kv[0]).trim().replaceAll("/+$", ""));
                }
            }
        });
        return urls;
    }

    BackupSettings backup();

    Resources resources();

    Smoke smoke();

    /** The database backup {@code migrate} takes before a breaking release. */
    interface BackupSettings {

        /** Where {@code migrate} writes it, one directory per run ({@code r<run>-before-<release>}). */
        @WithDefault("ops-migrator-backups")
        Path directory();

        /** Whether {@code migrate} also restores it into a scratch database and compares (needs CREATEDB). */
        @WithDefault("false")
        boolean verify();
    }

    /** Limits watched during data migrations: near one a warning with advice, at one a pause (exit 3). */
    interface Resources {

        /** How often the database is sampled during a data step. */
        @WithDefault("2s")
        Duration interval();

        /** Warn when this share of {@code max_connections} is in use. */
        @WithDefault("0.8")
        double connectionsWarn();

        /** Pause when this share of {@code max_connections} is in use. */
        @WithDefault("0.95")
        double connectionsPause();

        /** Warn when the migrator's heap (after the last collection) reaches this share of its maximum. */
        @WithDefault("0.85")
        double heapWarn();

        /** Pause when the migrator's heap reaches this share of its maximum. */
        @WithDefault("0.95")
        double heapPause();

        /** Warn below this much free disk on the database's volume (where it is visible from here), in MB. */
        @WithDefault("2048")
        long diskWarnFreeMb();

        /** Pause below this much free disk, in MB. */
        @WithDefault("512")
        long diskPauseFreeMb();

        /** Warn when the database grows beyond this size, in MB (unset: no limit). */
        OptionalLong databaseWarnMb();

        /** Pause when the database grows beyond this size, in MB (unset: no limit). */
        OptionalLong databasePauseMb();
    }

    /** {@code smoke}: who logs in and how long cross-module effects may take. */
    interface Smoke {

        /** An admin with the roles admin and developer (a Secret in production). */
        Optional<String> username();

        Optional<String> password();

        /** How long each cross-module effect (event → other service) may take. */
        @WithDefault("60s")
        Duration timeout();
    }
}
