package io.lowcode.migrator;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lowcode.migrator.validate.Checksums;

/** Sample rows for each release's tables, and per-table checksums to compare a database before and after. */
final class SampleData {

    private SampleData() {
    }

    /** Tables of release 1.0.0: function units, versions, deployments, audit, available functions. */
    static void fill100(Connection c, int units) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO workstation.function_unit (id, name, description, category, owner_id, definition, created_at, updated_at)
                    SELECT md5('ws' || g)::uuid, 'unit ' || g, CASE WHEN g %% 3 = 0 THEN NULL ELSE 'about ' || g END, 'cat' || g %% 5,
                           'owner' || g %% 7, jsonb_build_object('steps', g), now() - g * interval '1 hour', now()
                    FROM generate_series(1, %1$d) g;
                    INSERT INTO workstation.function_unit_version (id, function_unit_id, version, changelog, definition, content_digest,
                           published_at, deployment_status, status_changed_at)
                    SELECT md5('wsv' || g)::uuid, md5('ws' || g)::uuid, '1.0.' || g %% 3, 'first', '{}'::jsonb, md5('d' || g),
                           now(), 'PUBLISHED', now() FROM generate_series(1, %1$d) g;
                    INSERT INTO admin_center.function_unit (function_unit_id, name, owner_id, category, status, latest_version,
                           deployed_version, created_at, updated_at)
                    SELECT 'fu-' || g, 'unit ' || g, 'owner' || g %% 7, 'cat', CASE WHEN g %% 2 = 0 THEN 'DEPLOYED' ELSE 'PUBLISHED' END,
                           '1.0.0', CASE WHEN g %% 2 = 0 THEN '1.0.0' END, now(), now() FROM generate_series(1, %1$d) g;
                    INSERT INTO admin_center.function_unit_version (id, function_unit_id, version, content_digest, published_at, state)
                    SELECT md5('acv' || g)::uuid, 'fu-' || g, '1.0.0', md5('x' || g), now(),
                           CASE WHEN g %% 2 = 0 THEN 'DEPLOYED' ELSE 'PENDING' END FROM generate_series(1, %1$d) g;
                    INSERT INTO admin_center.deployment (id, function_unit_id, version, environment, deployed_by, deployed_at)
                    SELECT md5('dep' || g)::uuid, 'fu-' || g, '1.0.0', 'prod', 'admin', now() FROM generate_series(2, %1$d, 2) g;
                    INSERT INTO admin_center.audit_event (occurred_at, event_type, subject, source, event_id, summary, details)
                    SELECT now(), 'function-unit.published', 'fu-' || g, 'workstation', md5('ev' || g)::uuid, 'published',
                           jsonb_build_object('n', g) FROM generate_series(1, %1$d) g;
                    INSERT INTO portal.available_function (function_unit_id, name, version, deployment_id, environment, deployed_at,
                           deployed_by)
                    SELECT md5('ws' || g)::uuid, 'unit ' || g, '1.0.0', 'dep-' || g, 'prod', now(), 'admin'
                    FROM generate_series(1, %1$d) g;
                    INSERT INTO admin_center.outbox_event (event_id, topic, event_key, event_type, payload)
                    SELECT md5('ob' || g)::uuid, 'function-unit-events', 'fu-' || g, 'function-unit.deployed', '\\x00'::bytea
                    FROM generate_series(1, 10) g;
                    """.formatted(units));
        }
    }

    /** Tables of release 1.1.0: users with roles and {@code grants} direct permissions, portal accounts. */
    static void fill110(Connection c, int users, int grants) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO admin_center.user_account (user_id, username, display_name, email, password_hash, status,
                           created_at, created_by, updated_at)
                    SELECT md5('u' || g)::uuid, 'user' || g, 'User ' || g, 'user' || g || '@example.com', '$2a$10$hash', 'ACTIVE',
                           now(), 'admin', now() FROM generate_series(1, %1$d) g;
                    INSERT INTO admin_center.user_role (user_id, role, assigned_at, assigned_by)
                    SELECT md5('u' || g)::uuid, 'DEVELOPER', now(), 'admin' FROM generate_series(1, %1$d) g;
                    INSERT INTO admin_center.user_permission (user_id, permission, granted_at, granted_by)
                    SELECT md5('u' || (g %% %1$d + 1))::uuid,
                           (ARRAY['function-unit','workflow','report'])[g %% 3 + 1] || ':'
                               || CASE WHEN g <= %1$d THEN '*' WHEN g %% 11 = 0 THEN 'urn:x:' || g ELSE 'res-' || g END
                               || ':' || (ARRAY['read','deploy','run'])[g %% 3 + 1],
                           now() - g * interval '1 second', 'admin'
                    FROM generate_series(1, %2$d) g;
                    INSERT INTO portal.account (user_id, username, status, activated_at)
                    SELECT md5('u' || g)::uuid, 'user' || g, 'ACTIVE', now() FROM generate_series(1, %1$d) g;
                    INSERT INTO portal.personal_space (id, user_id, name, created_at)
                    SELECT md5('ps' || g)::uuid, md5('u' || g)::uuid, 'space', now() FROM generate_series(1, %1$d) g;
                    INSERT INTO portal.account_permission (user_id, permission, granted_at)
                    SELECT md5('u' || g)::uuid, 'function-unit:*:run', now() FROM generate_series(1, %1$d) g;
                    """.formatted(users, grants));
        }
    }

    /** Checksum per table of the module schemas (column order independent) plus each schema's shape. */
    static Map<String, String> checksums(Connection c) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String schema : List.of("workstation", "admin_center", "portal")) {
            sums.put("schema " + schema, Checksums.schema(c, schema));
            for (String table : Checksums.tables(c, schema)) {
                sums.put(table, Checksums.table(c, table));
            }
        }
        return sums;
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
