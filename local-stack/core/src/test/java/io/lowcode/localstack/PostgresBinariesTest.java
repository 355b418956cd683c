package io.lowcode.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL binaries are unpacked once, atomically, into the project's cache, and the library uses them. */
class PostgresBinariesTest {

    @TempDir
    Path cache;

    private String previousCacheProperty;

    @BeforeEach
    void useAnEmptyCache() {
        previousCacheProperty = System.getProperty("lowcode.cache.dir");
        System.setProperty("lowcode.cache.dir", cache.toString());
    }

    @AfterEach
    void restoreTheCache() {
        if (previousCacheProperty == null) {
            System.clearProperty("lowcode.cache.dir");
        } else {
            System.setProperty("lowcode.cache.dir", previousCacheProperty);
        }
    }

    @Test
    void anEmptyCacheGetsOneCompleteFolderAndNothingElse() throws Exception {
        PostgresBinaries binaries = PostgresBinaries.ensure();

        assertThat(binaries.cacheRoot()).isEqualTo(cache.toAbsolutePath());
        assertThat(Files.isExecutable(binaries.directory().resolve("bin/postgres"))).isTrue();
        assertThat(Files.isExecutable(binaries.directory().resolve("bin/initdb"))).isTrue();
        assertThat(binaries.directory().resolve(".exists")).exists();
        assertThat(entries(cache)).containsExactly(binaries.directory().getFileName().toString());
    }

    @Test
    void aSecondStartReusesTheFolderWithoutUnpackingAgain() throws Exception {
        Path postgres = PostgresBinaries.ensure().directory().resolve("bin/postgres");
        FileTime unpacked = Files.getLastModifiedTime(postgres);
        Files.setLastModifiedTime(postgres, FileTime.fromMillis(unpacked.toMillis() - 60_000));

        PostgresBinaries again = PostgresBinaries.ensure();

        assertThat(again.directory().resolve("bin/postgres")).isEqualTo(postgres);
        assertThat(Files.getLastModifiedTime(postgres).toMillis()).isEqualTo(unpacked.toMillis() - 60_000);
    }

    @Test
    void aFolderLeftByAKilledExtractionIsDeletedAndTheBinariesUnpackedAgain() throws Exception {
        Path target = PostgresBinaries.ensure().directory();
        LocalStack.deleteRecursively(target);
        // what a process SIGKILLed in the middle of unpacking leaves: a partial folder named after its dead PID,
        // half filled (a symbolic link already there is what made the library's own unpacking fail for good)
        long deadPid = deadPid();
        Path partial = target.resolveSibling(target.getFileName() + ".partial-" + deadPid);
        Files.createDirectories(partial.resolve("lib"));
        Files.createSymbolicLink(partial.resolve("lib/libpq.so.5"), Path.of("libpq.so.5.15"));
        Files.writeString(partial.resolve("half-written"), "x");

        PostgresBinaries binaries = PostgresBinaries.ensure();

        assertThat(binaries.directory()).isEqualTo(target);
        assertThat(Files.isExecutable(target.resolve("bin/pg_ctl"))).isTrue();
        assertThat(target.resolve("half-written")).doesNotExist();
        assertThat(entries(cache)).containsExactly(target.getFileName().toString());
    }

    @Test
    void theLibraryStartsPostgresFromTheUnpackedFolderAndUnpacksNothingItself() throws Exception {
        Path data = Files.createTempDirectory("pg-binaries-test-");
        int port = FreePorts.take(1).get(0);
        try (PostgresServer server = PostgresServer.start(port, data.resolve("pg"), "binaries");
                Connection c = server.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("acknowledged commits survive a crash").isEqualTo("on");
            assertThat(entries(cache)).containsExactly(PostgresBinaries.ensure().directory().getFileName().toString());
            String postmaster = server.postmaster().orElseThrow().info().command().orElse("");
            assertThat(postmaster).startsWith(cache.toAbsolutePath().toString());
        } finally {
            LocalStack.deleteRecursively(data);
        }
    }

    private static java.util.List<String> entries(Path directory) throws Exception {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A PID no process has: a short-lived child's, after it exited. */
    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
