package io.lowcode.migrator;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The decision of event-schema's {@code SchemaVersionCheck} (services' readiness), same query and same
 * messages, over JDBC: that class needs the services' reactive stack, which this CLI does not carry.
 */
final class ServiceReadiness {

    private ServiceReadiness() {
    }

    static String check(Connection c, String schema, String required) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT version FROM " + schema + ".flyway_schema_history WHERE success AND version IS NOT NULL")) {
            int[] current = null;
            while (rs.next()) {
                int[] v = parse(rs.getString(1));
                if (current == null || compare(v, current) > 0) {
                    current = v;
                }
            }
            if (current == null) {
                return "DOWN schema has no applied migration";
            }
            String text = String.join(".", java.util.Arrays.stream(current).mapToObj(Integer::toString).toList());
            return compare(current, parse(required)) >= 0 ? "UP " + text
                    : "DOWN schema " + schema + " is at " + text + ", this service needs " + required + ": run the migrator";
        } catch (SQLException e) {
            return e.getMessage().contains("does not exist") ? "DOWN schema " + schema + " is not migrated: run the migrator"
                    : "DOWN cannot read the schema version: " + e.getMessage();
        }
    }

    private static int[] parse(String text) {
        String[] parts = text.trim().split("[._]");
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Integer.parseInt(parts[i]);
        }
        return v;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
