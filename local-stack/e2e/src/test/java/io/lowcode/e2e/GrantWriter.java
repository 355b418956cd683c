package io.lowcode.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The admin center's writes during a migration or a rollback, reproduced over JDBC: the packaged admin center of
 * this build needs schema version 9 (release 2.2.0) and cannot serve on the schemas in between, so a thread writes
 * what the release that would be serving writes, in the admin center's tables, decided from the schema before each
 * transaction:
 * <ul>
 * <li>{@code permission} present and NOT NULL (release 1.x, and 2.0.0's expand step V5): the 1.x admin center, which
 * writes the string {@code <type>:<id>:<action>} only (V5's trigger fills the new columns);</li>
 * <li>{@code permission} absent (2.0.0 and later), or present but nullable (the way back between U6 and U5, while
 * the 2.x pods still serve): the 2.x admin center, which writes {@code resource_type}, {@code resource_id},
 * {@code action} only (U6's trigger fills the string).</li>
 * </ul>
 * Each transaction creates one user ({@code user_account}, role {@code user}) and three grants for it (in the old
 * form one of them with a {@code :} in its resource id, as legacy 1.x data has), and records the grants in {@code public.e2e_expected_grant} in the same
 * transaction, so a grant is expected exactly when it was committed. A write that meets a schema changed under it
 * (the column it names is gone, as happens to an old pod's writes in a rolling upgrade) is rolled back and written
 * again in the form of the new schema. No outbox events are written: the portal never hears of these users.
 */
final class GrantWriter implements AutoCloseable {

    /** Schema changed between the check and the write, or the DDL in progress: write again. */
    private static final Set<String> RETRY = Set.of("42703", "23502", "55P03", "40P01", "40001", "42P01");
    static final String EXPECTED = "public.e2e_expected_grant";

    private final String url;
    private final String user;
    private final String password;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong oldForm = new AtomicLong();
    private final AtomicLong newForm = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong duringTransition = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private volatile SQLException failure;
    private Thread thread;

    GrantWriter(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start() {
        stop.set(false);
        thread = new Thread(this::write, "e2e-grant-writer");
        thread.start();
    }

    /** Users written in the old form (1.x), in the new form (2.x), and writes retried, so far. */
    long oldForm() {
        return oldForm.get();
    }

    long newForm() {
        return newForm.get();
    }

    long retried() {
        return retried.get();
    }

    /** Users written while the table had both shapes: during a data step of 2.0.0 or of its way back. */
    long duringTransition() {
        return duringTransition.get();
    }

    @Override
    public void close() throws SQLException, InterruptedException {
        stop.set(true);
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void write() {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            while (!stop.get()) {
                try {
                    Shape shape = shape(c);
                    boolean old = shape.oldApplicationServes();
                    writeUser(c, old);
                    c.commit();
                    (old ? oldForm : newForm).incrementAndGet();
                    if (shape.transition()) {
                        duringTransition.incrementAndGet();
                    }
                } catch (SQLException e) {
                    c.rollback();
                    if (!RETRY.contains(e.getSQLState())) {
                        throw e;
                    }
                    retried.incrementAndGet();
                }
                // a steady load of about 40 users (120 grants) a second, not a flood
                TimeUnit.MILLISECONDS.sleep(25);
            }
        } catch (SQLException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What {@code user_permission} looks like now: whether the string is there, NOT NULL, and the columns too. */
    private record Shape(boolean string, boolean stringRequired, boolean columns) {

        boolean oldApplicationServes() {
            return string && stringRequired;
        }

        boolean transition() {
            return string && columns;
        }
    }

    private static Shape shape(Connection c) throws SQLException {
        boolean string = false;
        boolean required = false;
        boolean columns = false;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'admin_center'
                AND table_name = 'user_permission' AND column_name IN ('permission', 'resource_type')""")) {
            while (rs.next()) {
                if (rs.getString(1).equals("permission")) {
                    string = true;
                    required = rs.getString(2).equals("NO");
                } else {
                    columns = true;
                }
            }
        }
        return new Shape(string, required, columns);
    }

    private void writeUser(Connection c, boolean old) throws SQLException {
        long n = sequence.incrementAndGet();
        UUID id = UUID.randomUUID();
        try (PreparedStatement account = c.prepareStatement("INSERT INTO admin_center.user_account (user_id, username,"
                + " display_name, email, password_hash, status, created_at, created_by, updated_at) VALUES (?, ?, ?, ?,"
                + " '$2a$10$e2e.writer.hash.not.used.for.login.xxxxxxxxxxxxxxxxxxxx', 'ACTIVE', now(), 'e2e-writer', now())");
                PreparedStatement role = c.prepareStatement("INSERT INTO admin_center.user_role (user_id, role, assigned_at,"
                        + " assigned_by) VALUES (?, 'user', now(), 'e2e-writer')")) {
            String username = "writer-" + id.toString().substring(0, 8) + "-" + n;
            account.setObject(1, id);
            account.setString(2, username);
            account.setString(3, "Writer " + n);
            account.setString(4, username + "@example.com");
            account.executeUpdate();
            role.setObject(1, id);
            role.executeUpdate();
        }
        String grant = old
                ? "INSERT INTO admin_center.user_permission (user_id, permission, granted_at, granted_by) VALUES (?, ? || ':' || ? || ':' || ?, now(), 'e2e-writer')"
                : "INSERT INTO admin_center.user_permission (user_id, resource_type, resource_id, action, granted_at, granted_by) VALUES (?, ?, ?, ?, now(), 'e2e-writer')";
        try (PreparedStatement ps = c.prepareStatement(grant);
                PreparedStatement expected = c.prepareStatement("INSERT INTO " + EXPECTED
                        + " (user_id, resource_type, resource_id, action) VALUES (?, ?, ?, ?)")) {
            // the 1.x admin center accepted ':' in a resource id (legacy data); the 2.x API does not
            String[][] grants = { { "function-unit", "fu-" + n, "execute" },
                    { "workflow", (old ? "urn:e2e:" : "urn-e2e-") + n, "run" }, { "report", "*", "read" } };
            for (String[] g : grants) {
                for (PreparedStatement p : new PreparedStatement[] { ps, expected }) {
                    p.setObject(1, id);
                    p.setString(2, g[0]);
                    p.setString(3, g[1]);
                    p.setString(4, g[2]);
                    p.executeUpdate();
                }
            }
        }
    }
}
