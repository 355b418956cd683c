package io.lowcode.migrator;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.Flyway;

import io.quarkus.flyway.FlywayDataSource;

/** The module schemas this migrator owns, in the order they are migrated, each with its Flyway. */
@ApplicationScoped
public class ModuleSchemas {

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
