package io.lowcode.migrator.release;

import java.util.List;

/** One step of a release, in one module schema (or the migrator's own configuration table). */
public sealed interface Step permits SchemaStep, DataStep, ConfigStep {

    enum Kind { SCHEMA, DATA, CONFIG }

    /** Unique across releases, e.g. {@code 2.0.0/admin_center/split-permissions}. */
    String id();

    /** The module schema the step changes ({@code ops_migrator} for configuration). */
    String schema();

    Kind kind();

    String description();

    /** Ids of the steps that must be applied before this one (always earlier in the release's order). */
    List<String> dependsOn();
}
