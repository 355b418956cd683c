package io.lowcode.migrator.cli;

import java.util.concurrent.Callable;

import io.lowcode.migrator.engine.EngineState;
import io.lowcode.migrator.engine.ExitCodes;
import io.lowcode.migrator.engine.MigratorLock;
import picocli.CommandLine.Command;

/** {@code pause}: asks a running data migration to stop at its next batch boundary. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Asks the running migration to stop at its next batch boundary (it exits with code 3); `resume`"
                + " continues it. Does nothing when no migrator is running. Works from any machine that reaches the"
                + " database; takes no lock.")
public class PauseCommand implements Callable<Integer> {

    private final Cli cli;

    public PauseCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return Cli.run(() -> {
            if (!MigratorLock.isHeld(cli.dataSource())) {
                System.out.println("no migrator is running: nothing to pause");
                return ExitCodes.OK;
            }
            EngineState state = new EngineState(cli.dataSource());
            state.ensureSchema();
            state.requestPause(true);
            System.out.println("pause requested: a running data migration stops after its current batch");
            return ExitCodes.OK;
        });
    }
}
