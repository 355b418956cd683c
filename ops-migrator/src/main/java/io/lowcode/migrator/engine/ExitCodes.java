package io.lowcode.migrator.engine;

/** The CLI's exit codes (documented in {@code --help} and src-docs/ops-migrator.md). */
public final class ExitCodes {

    public static final int OK = 0;
    /** A migration, rollback, validation or pre-flight check failed. */
    public static final int FAILED = 1;
    /** Bad usage: unknown command or option. */
    public static final int USAGE = 2;
    /** A data migration paused at a batch boundary; {@code resume} continues it. */
    public static final int PAUSED = 3;
    /** Another migrator holds the lock; nothing was done. */
    public static final int LOCKED = 4;
    /** Refused before changing anything: plan invalid (class mismatch, breaking without a way back), unknown target, data loss not allowed. */
    public static final int REFUSED = 5;

    private ExitCodes() {
    }
}
