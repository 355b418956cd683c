package io.lowcode.migrator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.Flyway;

import io.quarkus.flyway.FlywayDataSource;

/**
 * The module schemas this migrator owns, in the order they are migrated, each with the Flyway configured
 * for it (locations {@code db/messaging} + {@code db/<schema>}); the engine derives a Flyway per target
 * version and per database (the platform's, or a scratch copy) from these.
 */
@ApplicationScoped
public class ModuleSchemas {

    public static final List<String> NAMES = List.of("workstation", "admin_center", "portal");

    private final Map<String, Flyway> byModule = new LinkedHashMap<>();

    public ModuleSchemas(@FlywayDataSource("workstation") Flyway workstation,
            @FlywayDataSource("admin_center") Flyway adminCenter,
            @FlywayDataSource("portal") Flyway portal) {
        byModule.put("workstation", workstation);
        byModule.put("admin_center", adminCenter);
        byModule.put("portal", portal);
    }

    /** Schema name → its Flyway instance, in migration order. */
    public Map<String, Flyway> all() {
        return byModule;
    }
}
