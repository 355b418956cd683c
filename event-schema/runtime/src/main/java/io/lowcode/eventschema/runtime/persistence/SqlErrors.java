package io.lowcode.eventschema.runtime.persistence;

/** Recognizes PostgreSQL errors however Hibernate Reactive and the reactive client wrap them. */
public final class SqlErrors {

    private SqlErrors() {
    }

    /** PostgreSQL's unique_violation (SQLSTATE 23505). */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
                    || t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
