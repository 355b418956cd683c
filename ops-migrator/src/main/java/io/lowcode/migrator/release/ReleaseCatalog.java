package io.lowcode.migrator.release;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lowcode.migrator.data.JoinPermissions;
import io.lowcode.migrator.data.SplitPermissions;
import io.lowcode.migrator.release.DataStep.OnFailure;

/**
 * The platform's release history bundled in this migrator, oldest first. 1.0.0 is the baseline (no way
 * back below it); each later release lists its steps in the order they run.
 */
public final class ReleaseCatalog {

    private static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");

    private final List<Release> releases;
    private final List<BusinessRule> rules;

    public ReleaseCatalog(List<Release> releases, List<BusinessRule> rules) {
        this.releases = List.copyOf(releases);
        this.rules = List.copyOf(rules);
    }

    public static ReleaseCatalog platform() {
        Release r100 = new Release("1.0.0", Compatibility.BACKWARD_COMPATIBLE,
                "baseline: messaging tables, function units (workstation), inventory and audit (admin center),"
                        + " available functions (portal)",
                List.of(schema("1.0.0", "workstation", 0, 3, "messaging tables, function units", List.of()),
                        schema("1.0.0", "admin_center", 0, 3, "messaging tables, inventory, deployments, audit", List.of()),
                        schema("1.0.0", "portal", 0, 3, "messaging tables, available functions", List.of())),
                List.of());
        Release r110 = new Release("1.1.0", Compatibility.BACKWARD_COMPATIBLE,
                "users, roles and direct permissions (admin center); accounts and permission cache (portal)",
                List.of(schema("1.1.0", "admin_center", 3, 4, "user_account, user_role, user_permission",
                                List.of("user_account", "user_role", "user_permission")),
                        schema("1.1.0", "portal", 3, 4, "account, personal_space, account_role, account_permission",
                                List.of("account", "personal_space", "account_role", "account_permission"))),
                List.of());
        Map<String, Map<String, String>> access = new LinkedHashMap<>();
        access.put("dev", Map.of("access.permission-cache.ttl-seconds", "5",
                "access.max-direct-grants-per-user", "1000", "admin.session.idle-timeout-minutes", "480"));
        access.put("staging", Map.of("access.permission-cache.ttl-seconds", "60",
                "access.max-direct-grants-per-user", "500", "admin.session.idle-timeout-minutes", "60"));
        access.put("prod", Map.of("access.permission-cache.ttl-seconds", "300",
                "access.max-direct-grants-per-user", "200", "admin.session.idle-timeout-minutes", "30"));
        Release r120 = new Release("1.2.0", Compatibility.FULLY_COMPATIBLE,
                "per-environment access parameters (configuration only, no schema change)",
                List.of(new ConfigStep("1.2.0/config/access-parameters",
                        "permission cache TTL, direct grant limit, admin session timeout per environment", List.of(),
                        access)),
                List.of());
        Map<String, Map<String, String>> format = new LinkedHashMap<>();
        ENVIRONMENTS.forEach(env -> format.put(env, Map.of("access.permission-format", "structured")));
        Release r200 = new Release("2.0.0", Compatibility.BREAKING,
                "direct permissions become structured (resource_type, resource_id, action) instead of a string",
                List.of(schema("2.0.0", "admin_center", 4, 5, "expand: nullable structured columns + sync trigger", List.of()),
                        new DataStep("2.0.0/admin_center/split-permissions", "admin_center",
                                "parse every permission string into the structured columns (batched)",
                                List.of("2.0.0/admin_center/schema-5"), new SplitPermissions("admin_center"),
                                new JoinPermissions("admin_center"), OnFailure.ROLLBACK),
                        new SchemaStep("2.0.0/admin_center/schema-6", "admin_center", 5, 6,
                                "contract: NOT NULL, new unique key, drop the permission string",
                                List.of("2.0.0/admin_center/split-permissions"), List.of()),
                        new ConfigStep("2.0.0/config/permission-format", "services read structured permissions",
                                List.of("2.0.0/admin_center/schema-6"), format)),
                List.of("admin_center.user_permission"));
        Release r210 = new Release("2.1.0", Compatibility.BACKWARD_COMPATIBLE,
                "workflow executions: definitions and executions (portal); the execution monitor and the notifier's"
                        + " delivery log and contacts (admin center)",
                List.of(schema("2.1.0", "admin_center", 6, 8, "execution_record; user_contact, notification_delivery",
                                List.of("execution_record", "notification_delivery", "user_contact")),
                        schema("2.1.0", "portal", 4, 5, "function_version, execution",
                                List.of("function_version", "execution"))),
                List.of());
        // A schema step covers consecutive versions, each with its down script. Version numbers are one sequence
        // shared by the schemas, so V9 (db/messaging) follows gaps in workstation (no V4..V8) and portal (no V6..V8):
        // their steps start at 8.
        Release r220 = new Release("2.2.0", Compatibility.BACKWARD_COMPATIBLE,
                "operations: per-consumer applied positions for stale-event protection (every schema); alert history,"
                        + " silences and the evaluator's lease, the dead-letter index, reconciliation reports and the"
                        + " monitoring service's lifecycle timeline (admin center)",
                List.of(schema("2.2.0", "workstation", 8, 9, "applied_position", List.of("applied_position")),
                        schema("2.2.0", "admin_center", 8, 9, "applied_position", List.of("applied_position")),
                        schema("2.2.0", "admin_center", 9, 10, "ops_alert, ops_alert_silence, ops_alert_lease",
                                List.of("ops_alert", "ops_alert_silence")),
                        schema("2.2.0", "admin_center", 10, 11, "dead_letter, reconciliation_run",
                                List.of("dead_letter", "reconciliation_run")),
                        schema("2.2.0", "admin_center", 11, 12, "operations_timeline", List.of("operations_timeline")),
                        schema("2.2.0", "portal", 8, 9, "applied_position", List.of("applied_position"))),
                List.of());
        // V13 of each schema follows the versions 2.2.0 took (V10..V12 of admin_center): each step starts at 12, as
        // 2.2.0's shared V9 starts at 8 over the gaps of workstation and portal
        Release r230 = new Release("2.3.0", Compatibility.BACKWARD_COMPATIBLE,
                "abuse limits: parked outbox rows (every schema); token generations (admin center); approved digests "
                        + "(portal); collaborators, the draft edit log and accounts (workstation). The integration "
                        + "console: managed configuration versions and the self-healing fault history (admin center)",
                List.of(schema("2.3.0", "admin_center", 12, 13, "user_account.token_generation, outbox_event.parked_at",
                                List.of()),
                        schema("2.3.0", "admin_center", 13, 14, "configuration_version, ops_incident",
                                List.of("configuration_version", "ops_incident")),
                        schema("2.3.0", "portal", 12, 13, "available_function.content_digest, outbox_event.parked_at",
                                List.of()),
                        schema("2.3.0", "workstation", 12, 13, "function_unit collaborators and updated_by, "
                                + "function_unit_edit, account, outbox_event.parked_at",
                                List.of("function_unit_edit", "account"))),
                List.of());
        List<BusinessRule> rules = List.of(
                new BusinessRule("a deployed version of a function unit is one of its published versions", "1.0.0", null, """
                        SELECT count(*) FROM admin_center.function_unit f WHERE f.deployed_version IS NOT NULL
                        AND NOT EXISTS (SELECT 1 FROM admin_center.function_unit_version v
                                        WHERE v.function_unit_id = f.function_unit_id AND v.version = f.deployed_version)"""),
                new BusinessRule("at most one current deployment per function unit and environment", "1.0.0", null, """
                        SELECT count(*) FROM (SELECT 1 FROM admin_center.deployment
                        WHERE superseded_at IS NULL AND retired_at IS NULL
                        GROUP BY function_unit_id, environment HAVING count(*) > 1) d"""),
                new BusinessRule("usernames are stored lower-case", "1.1.0", null,
                        "SELECT count(*) FROM admin_center.user_account WHERE username <> lower(username)"),
                new BusinessRule("every portal account has its personal space", "1.1.0", null, """
                        SELECT count(*) FROM portal.account a
                        WHERE NOT EXISTS (SELECT 1 FROM portal.personal_space s WHERE s.user_id = a.user_id)"""),
                new BusinessRule("every direct grant reads <resource-type>:<resource-id|*>:<action>", "1.1.0", "2.0.0",
                        "SELECT count(*) FROM admin_center.user_permission WHERE permission !~ '^[^:]+:.+:[^:]+$'"),
                new BusinessRule("every direct grant is structured", "2.0.0", null, """
                        SELECT count(*) FROM admin_center.user_permission
                        WHERE resource_type IS NULL OR resource_id IS NULL OR action IS NULL"""),
                new BusinessRule("every environment has every platform parameter", "1.2.0", null, """
                        SELECT count(*) FROM (VALUES ('dev'), ('staging'), ('prod')) e(environment)
                        CROSS JOIN (SELECT DISTINCT key FROM ops_migrator.platform_config) k
                        WHERE NOT EXISTS (SELECT 1 FROM ops_migrator.platform_config c
                                          WHERE c.environment = e.environment AND c.key = k.key)"""),
                new BusinessRule("a finished execution has its end time", "2.1.0", null, """
                        SELECT count(*) FROM portal.execution WHERE status <> 'RUNNING' AND finished_at IS NULL"""),
                new BusinessRule("every running execution's version has its definition", "2.1.0", null, """
                        SELECT count(*) FROM portal.execution e WHERE e.status = 'RUNNING' AND NOT EXISTS (
                            SELECT 1 FROM portal.function_version v
                            WHERE v.function_unit_id = e.function_unit_id AND v.version = e.version)"""));
        return new ReleaseCatalog(List.of(r100, r110, r120, r200, r210, r220, r230), rules);
    }

    private static SchemaStep schema(String release, String schema, int from, int to, String description,
            List<String> dropsOnRollback) {
        return new SchemaStep(release + "/" + schema + "/schema-" + to, schema, from, to, description, List.of(),
                dropsOnRollback);
    }

    public List<Release> releases() {
        return releases;
    }

    public Release latest() {
        return releases.get(releases.size() - 1);
    }

    public Optional<Release> find(String version) {
        return releases.stream().filter(r -> r.version().equals(version)).findFirst();
    }

    public int indexOf(String version) {
        for (int i = 0; i < releases.size(); i++) {
            if (releases.get(i).version().equals(version)) {
                return i;
            }
        }
        return -1;
    }

    /** The version each module schema has once {@code release} is applied. */
    public Map<String, Integer> schemaVersionsAt(String release) {
        Map<String, Integer> versions = new LinkedHashMap<>();
        for (Release r : releases) {
            for (Step s : r.steps()) {
                if (s instanceof SchemaStep ss) {
                    versions.merge(ss.schema(), ss.toVersion(), Math::max);
                }
            }
            if (r.version().equals(release)) {
                break;
            }
        }
        return versions;
    }

    /** Rules that hold at {@code platformRelease}. */
    public List<BusinessRule> rulesAt(String platformRelease) {
        int at = indexOf(platformRelease);
        return rules.stream().filter(r -> indexOf(r.since()) <= at && (r.until() == null || indexOf(r.until()) > at))
                .toList();
    }
}
