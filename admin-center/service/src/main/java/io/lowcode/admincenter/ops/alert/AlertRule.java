package io.lowcode.admincenter.ops.alert;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * One alert rule. {@link #evaluate} answers the conditions holding now; a failure means "cannot tell" (the rule's
 * firing alerts stay as they are, nothing is resolved on missing data).
 */
public interface AlertRule {

    /** The rule's name, as in configuration ({@code lowcode.ops.alerts.<name>.*}) and on its alerts. */
    String name();

    /** Its settings. */
    AlertsConfig.Rule config();

    /** The conditions holding now, one per target. */
    Uni<List<Condition>> evaluate();
}
