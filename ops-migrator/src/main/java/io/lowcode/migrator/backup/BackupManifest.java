package io.lowcode.migrator.backup;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code manifest.json} of a database backup: what it holds and how to check a restore of it.
 *
 * @param format          the layout version of the backup directory (1)
 * @param tool            the migrator that wrote it ({@code ops-migrator <version>})
 * @param createdAt       when the snapshot was taken (ISO-8601)
 * @param seconds         how long writing it took
 * @param database        the JDBC URL it was taken from (no credentials) and the server version
 * @param platformRelease the platform's release then ({@code none} before the first)
 * @param schemaVersions  each module schema's Flyway version then
 * @param schemas         each schema in the backup with its shape checksum
 * @param tables          each table with its columns, rows, checksum and data file
 * @param structure       the file with the structure ({@code schema.sql})
 * @param notIncluded     what a restore does not bring back, in words
 */
@RegisterForReflection
public record BackupManifest(int format, String tool, String createdAt, double seconds, Map<String, String> database,
        String platformRelease, Map<String, Integer> schemaVersions, List<Schema> schemas, List<Table> tables,
        String structure, List<String> notIncluded) {

    public static final int FORMAT = 1;
    public static final String FILE = "manifest.json";

    @RegisterForReflection
    public record Schema(String name, String checksum) {
    }

    /**
     * @param rows     rows copied ({@code -1}: structure only, rows deliberately not copied)
     * @param checksum {@code Checksums.table} of the rows copied
     * @param file     the data file, relative to the backup directory (COPY binary, gzip)
     * @param bytes    its size
     */
    @RegisterForReflection
    public record Table(String table, List<String> columns, long rows, String checksum, String file, long bytes) {

        public boolean hasRows() {
            return rows >= 0;
        }
    }

    public long totalRows() {
        return tables.stream().filter(Table::hasRows).mapToLong(Table::rows).sum();
    }

    public long totalBytes() {
        return tables.stream().mapToLong(Table::bytes).sum();
    }
}
