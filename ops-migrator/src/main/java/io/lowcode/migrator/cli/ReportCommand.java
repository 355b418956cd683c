package io.lowcode.migrator.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.lowcode.migrator.ModuleSchemas;
import io.lowcode.migrator.engine.Engine;
import io.lowcode.migrator.engine.ExitCodes;
import io.lowcode.migrator.validate.Checksums;
import io.lowcode.migrator.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code report}: the state, history and validation of the platform as JSON (machines) and Markdown (people). */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes ops-migrator-report.json, -report.md and -report.html: platform release, schema versions,"
                + " recent runs with every step (start, end, result, rows, rows/s, resources), database backups and how"
                + " to restore them, row copies, and a validation (row"
                + " counts and checksums per table, integrity, business rules, schema checksums). Reads the platform; keeps a"
                + " copy in ops_migrator.report, which the admin center's console shows.")
public class ReportCommand implements Callable<Integer> {

    @Option(names = "--output", paramLabel = "DIR", defaultValue = ".", description = "directory for the reports (default: current)")
    Path output;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "how many recent runs (default ${DEFAULT-VALUE})")
    int runs;

    private final Cli cli;

    public ReportCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return Cli.run(() -> {
            Engine engine = cli.engine(null);
            String release = engine.platformRelease();
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("platformRelease", release);
            report.put("targetRelease", cli.catalog().latest().version());
            Map<String, Object> versions = new LinkedHashMap<>();
            ModuleSchemas.NAMES.forEach(s -> versions.put(s, engine.db().version(s)));
            report.put("schemaVersions", versions);
            Validator.Result result;
            try (Connection c = engine.db().connect()) {
                result = Validator.validate(c, release.equals(Engine.NONE) ? List.of() : cli.catalog().rulesAt(release));
                List<Map<String, Object>> tables = new ArrayList<>();
                for (Map.Entry<String, Long> e : result.rowCounts().entrySet()) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("table", e.getKey());
                    t.put("rows", e.getValue());
                    t.put("checksum", Checksums.table(c, e.getKey()));
                    tables.add(t);
                }
                report.put("tables", tables);
                report.put("schemaChecksums", result.schemaChecksums());
                List<Map<String, Object>> checks = new ArrayList<>();
                for (Validator.Check ch : result.checks()) {
                    checks.add(Map.of("check", ch.name(), "passed", ch.passed(), "detail", ch.detail()));
                }
                report.put("checks", checks);
                report.put("valid", result.passed());
                if (engine.state().exists()) {
                    report.put("runs", rows(c, "SELECT * FROM ops_migrator.run ORDER BY run_id DESC LIMIT " + runs));
                    report.put("steps", rows(c, "SELECT * FROM ops_migrator.step_run WHERE run_id IN (SELECT run_id FROM"
                            + " ops_migrator.run ORDER BY run_id DESC LIMIT " + runs + ") ORDER BY id"));
                    report.put("backups", rows(c, "SELECT * FROM ops_migrator.backup ORDER BY run_id, source_table"));
                    report.put("configuration", rows(c, "SELECT environment, key, value, step_id FROM"
                            + " ops_migrator.platform_config ORDER BY environment, key"));
                    if (rows(c, "SELECT 1 FROM pg_tables WHERE schemaname = 'ops_migrator'"
                            + " AND tablename = 'database_backup'").size() > 0) {
                        report.put("databaseBackups", rows(c, """
                                SELECT id, run_id, before_release, location, platform_release, tables, total_rows, bytes,
                                       round(seconds::numeric, 1) AS seconds, verified, created_at,
                                       'QUARKUS_DATASOURCE_JDBC_URL=<an empty database> ops-migrator restore --from '
                                           || location AS how_to_restore
                                FROM ops_migrator.database_backup ORDER BY id DESC LIMIT 10"""));
                    }
                }
            }
            Files.createDirectories(output);
            Path json = output.resolve("ops-migrator-report.json");
            Path md = output.resolve("ops-migrator-report.md");
            Path html = output.resolve("ops-migrator-report.html");
            Files.writeString(json, Json.write(report) + "\n", StandardCharsets.UTF_8);
            String markdown = markdown(report);
            Files.writeString(md, markdown, StandardCharsets.UTF_8);
            Files.writeString(html, html(markdown), StandardCharsets.UTF_8);
            if (engine.state().exists()) {
                // a copy for the admin center's console (the migrator's own state; the platform is only read)
                engine.state().ensureSchema();
                engine.state().update("INSERT INTO ops_migrator.report (platform_release, valid, report, markdown)"
                        + " VALUES (?, ?, CAST(? AS jsonb), ?)", release, result.passed(), Json.write(report), markdown);
            }
            System.out.printf("report: %s, %s and %s (%s)%n", json, md, html, result.passed() ? "valid" : "INVALID");
            return ExitCodes.OK;
        });
    }

    private static List<Map<String, Object>> rows(Connection c, String sql) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.put(md.getColumnName(i), v instanceof Number || v instanceof Boolean || v == null ? v : v.toString());
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> r) {
        StringBuilder sb = new StringBuilder("# ops-migrator report\n\n");
        sb.append("Platform release **").append(r.get("platformRelease")).append("** (this migrator brings ")
                .append(r.get("targetRelease")).append("). Validation: **")
                .append(Boolean.TRUE.equals(r.get("valid")) ? "valid" : "INVALID").append("**.\n\n");
        sb.append("## Schemas\n\n| schema | version | checksum |\n|---|---|---|\n");
        Map<String, Object> versions = (Map<String, Object>) r.get("schemaVersions");
        Map<String, String> sums = (Map<String, String>) r.get("schemaChecksums");
        versions.forEach((s, v) -> sb.append("| ").append(s).append(" | ").append(v).append(" | `").append(sums.get(s))
                .append("` |\n"));
        sb.append("\n## Checks\n\n| result | check | detail |\n|---|---|---|\n");
        for (Map<String, Object> ch : (List<Map<String, Object>>) r.get("checks")) {
            sb.append("| ").append(Boolean.TRUE.equals(ch.get("passed")) ? "PASS" : "**FAIL**").append(" | ")
                    .append(ch.get("check")).append(" | ").append(ch.get("detail")).append(" |\n");
        }
        sb.append("\n## Tables\n\n| table | rows | checksum |\n|---|---:|---|\n");
        for (Map<String, Object> t : (List<Map<String, Object>>) r.get("tables")) {
            sb.append("| ").append(t.get("table")).append(" | ").append(t.get("rows")).append(" | `").append(t.get("checksum"))
                    .append("` |\n");
        }
        table(sb, "Runs", (List<Map<String, Object>>) r.get("runs"));
        table(sb, "Steps", (List<Map<String, Object>>) r.get("steps"));
        List<Map<String, Object>> databaseBackups = (List<Map<String, Object>>) r.get("databaseBackups");
        if (databaseBackups != null && !databaseBackups.isEmpty()) {
            Map<String, Object> newest = databaseBackups.get(0);
            sb.append("\n## How to restore\n\nThe newest complete backup is `").append(newest.get("location"))
                    .append("` (taken ").append(newest.get("created_at")).append(newest.get("before_release") == null ? ""
                            : " before release " + newest.get("before_release")).append(", platform at ")
                    .append(newest.get("platform_release")).append(", ").append(newest.get("total_rows"))
                    .append(" rows). To restore it, point `QUARKUS_DATASOURCE_JDBC_URL` at an empty database and run `")
                    .append("ops-migrator restore --from ").append(newest.get("location"))
                    .append("`: it refuses a database that is not empty, and commits only when every table and schema")
                    .append(" equals the backup's manifest. Then start the services on that database.\n");
            table(sb, "Database backups", databaseBackups);
        }
        table(sb, "Backups", (List<Map<String, Object>>) r.get("backups"));
        table(sb, "Configuration", (List<Map<String, Object>>) r.get("configuration"));
        return sb.toString();
    }

    /** The Markdown report as a standalone HTML page (headings, paragraphs, tables; inline code and bold). */
    static String html(String markdown) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>ops-migrator report"
                + "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:2px 6px;font-size:90%}</style></head><body>\n");
        boolean inTable = false;
        boolean header = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("|")) {
                String[] cells = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0)).split("(?<!\\\\)\\|", -1);
                if (!inTable) {
                    sb.append("<table>\n");
                    inTable = true;
                    header = true;
                }
                if (line.matches("\\|[-:|]+\\|?")) {
                    continue;
                }
                sb.append("<tr>");
                for (String cell : cells) {
                    sb.append(header ? "<th>" : "<td>").append(inline(cell.trim())).append(header ? "</th>" : "</td>");
                }
                sb.append("</tr>\n");
                header = false;
                continue;
            }
            if (inTable) {
                sb.append("</table>\n");
                inTable = false;
            }
            if (line.startsWith("## ")) {
                sb.append("<h2>").append(inline(line.substring(3))).append("</h2>\n");
            } else if (line.startsWith("# ")) {
                sb.append("<h1>").append(inline(line.substring(2))).append("</h1>\n");
            } else if (!line.isBlank()) {
                sb.append("<p>").append(inline(line)).append("</p>\n");
            }
        }
        if (inTable) {
            sb.append("</table>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    private static String inline(String text) {
        return text.replace("\\|", "|").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replaceAll("\\*\\*(.+?)\\*\\*", "<b>$1</b>").replaceAll("`(.+?)`", "<code>$1</code>");
    }

    private static void table(StringBuilder sb, String title, List<Map<String, Object>> rows) {
        if (rows == null || rows.isEmpty()) {
            return;
        }
        sb.append("\n## ").append(title).append("\n\n| ").append(String.join(" | ", rows.get(0).keySet())).append(" |\n|")
                .append("---|".repeat(rows.get(0).size())).append('\n');
        for (Map<String, Object> row : rows) {
            sb.append("| ").append(String.join(" | ", row.values().stream()
                    .map(v -> v == null ? "" : v.toString().replace("|", "\\|").replace("\n", " ")).toList())).append(" |\n");
        }
    }
}
