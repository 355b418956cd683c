package io.lowcode.migrator.engine;

/** A failure the CLI reports as one line, with the exit code it maps to. */
public class MigratorException extends RuntimeException {

    private final int exitCode;

    public MigratorException(String message, Throwable cause) {
        this(message, cause, ExitCodes.FAILED);
    }

    public MigratorException(String message, int exitCode) {
        this(message, null, exitCode);
    }

    public MigratorException(String message, Throwable cause, int exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
