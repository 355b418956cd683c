package io.lowcode.eventschema;

/**
 * The modules that produce events, each with its CloudEvents {@code source} attribute.
 */
public enum SourceModule {

    WORKSTATION("/lowcode/workstation"),
    ADMIN_CENTER("/lowcode/admin-center"),
    PORTAL("/lowcode/portal"),
    OPS_MIGRATOR("/lowcode/ops-migrator");

    private final String source;

    SourceModule(String source) {
        this.source = source;
    }

    /** The CloudEvents {@code source} attribute of events this module produces, e.g. {@code /lowcode/portal}. */
    public String source() {
        return source;
    }
}
