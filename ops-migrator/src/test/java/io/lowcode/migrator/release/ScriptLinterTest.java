package io.lowcode.migrator.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.lowcode.migrator.release.ScriptLinter.Rule;

class ScriptLinterTest {

    static Stream<Arguments> scripts() {
        return Stream.of(
                // what locks or rewrites a table in use
                Arguments.of("index on an existing table", "CREATE INDEX t_a ON t (a);", List.of(Rule.INDEX_WITHOUT_CONCURRENTLY)),
                Arguments.of("unique index on an existing table", "CREATE UNIQUE INDEX IF NOT EXISTS t_a ON public.t (a);",
                        List.of(Rule.INDEX_WITHOUT_CONCURRENTLY)),
                Arguments.of("volatile default", "ALTER TABLE t ADD COLUMN token UUID DEFAULT gen_random_uuid();",
                        List.of(Rule.VOLATILE_DEFAULT)),
                Arguments.of("new serial column", "ALTER TABLE t ADD COLUMN n BIGSERIAL;", List.of(Rule.VOLATILE_DEFAULT)),
                Arguments.of("stored generated column", "ALTER TABLE t ADD COLUMN l INT GENERATED ALWAYS AS (length(a)) STORED;",
                        List.of(Rule.VOLATILE_DEFAULT)),
                Arguments.of("set not null", "ALTER TABLE t ALTER COLUMN a SET NOT NULL;", List.of(Rule.SET_NOT_NULL)),
                Arguments.of("check constraint", "ALTER TABLE t ADD CONSTRAINT t_a CHECK (a <> '');",
                        List.of(Rule.CONSTRAINT_WITHOUT_NOT_VALID)),
                Arguments.of("foreign key", "ALTER TABLE t ADD CONSTRAINT t_u FOREIGN KEY (u) REFERENCES u (id);",
                        List.of(Rule.CONSTRAINT_WITHOUT_NOT_VALID)),
                Arguments.of("unique constraint", "ALTER TABLE t ADD CONSTRAINT t_ab UNIQUE (a, b);",
                        List.of(Rule.UNIQUE_BUILDS_INDEX)),
                Arguments.of("type change", "ALTER TABLE t ALTER COLUMN a TYPE BIGINT;", List.of(Rule.TYPE_CHANGE_REWRITE)),
                Arguments.of("vacuum full", "VACUUM FULL t;", List.of(Rule.TABLE_REWRITE)),
                Arguments.of("set tablespace", "ALTER TABLE t SET TABLESPACE fast;", List.of(Rule.TABLE_REWRITE)),
                Arguments.of("explicit lock", "LOCK TABLE t IN ACCESS EXCLUSIVE MODE;", List.of(Rule.EXPLICIT_LOCK)),
                Arguments.of("one update over a table", "UPDATE t SET a = lower(a);", List.of(Rule.UNBATCHED_DML)),
                Arguments.of("several actions, several findings", "ALTER TABLE t ADD COLUMN x TEXT, ALTER COLUMN a SET NOT NULL,"
                        + " ADD CONSTRAINT t_b CHECK (b > 0);", List.of(Rule.SET_NOT_NULL, Rule.CONSTRAINT_WITHOUT_NOT_VALID)),
                // the safe ways of writing the same
                Arguments.of("index built concurrently", "CREATE INDEX CONCURRENTLY t_a ON t (a);", List.of()),
                Arguments.of("index on a table of the same script", "CREATE TABLE n (a INT); CREATE INDEX n_a ON n (a);"
                        + " ALTER TABLE n ADD CONSTRAINT n_u UNIQUE (a), ALTER COLUMN a SET NOT NULL;", List.of()),
                Arguments.of("stable default", "ALTER TABLE t ADD COLUMN at TIMESTAMPTZ NOT NULL DEFAULT now();", List.of()),
                Arguments.of("nullable column", "ALTER TABLE t ADD COLUMN c TEXT;", List.of()),
                Arguments.of("set not null after a validated check", "ALTER TABLE t ADD CONSTRAINT t_a_nn CHECK (a IS NOT NULL)"
                        + " NOT VALID; ALTER TABLE t VALIDATE CONSTRAINT t_a_nn; ALTER TABLE t ALTER COLUMN a SET NOT NULL;",
                        List.of()),
                Arguments.of("constraint not valid", "ALTER TABLE t ADD CONSTRAINT t_u FOREIGN KEY (u) REFERENCES u (id) NOT VALID;",
                        List.of()),
                Arguments.of("unique using an index built concurrently", "ALTER TABLE t ADD CONSTRAINT t_a UNIQUE USING INDEX t_a;",
                        List.of()),
                Arguments.of("a dangerous statement inside a string or a function body", "COMMENT ON TABLE t IS"
                        + " 'CREATE INDEX x ON t (a)'; CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " UPDATE t SET a = 1; RETURN NEW; END $$;", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void flagsWhatLocksOrRewritesATableInUseAndNothingElse(String name, String sql, List<Rule> expected) {
        assertThat(ScriptLinter.lint(sql)).extracting(ScriptLinter.Finding::rule).containsExactlyElementsOf(expected);
    }

    @Test
    void theContractStepOfReleaseTwoZeroScansAndLocksTheGrantsTable() throws Exception {
        String v6;
        try (var in = getClass().getClassLoader().getResourceAsStream(
                "db/admin_center/V6__user_permission_drop_permission_string.sql")) {
            v6 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<ScriptLinter.Finding> findings = ScriptLinter.lint(v6);
        assertThat(findings).extracting(ScriptLinter.Finding::rule).containsExactly(Rule.SET_NOT_NULL, Rule.SET_NOT_NULL,
                Rule.SET_NOT_NULL, Rule.CONSTRAINT_WITHOUT_NOT_VALID, Rule.UNIQUE_BUILDS_INDEX);
        assertThat(findings).allMatch(f -> f.table().equals("user_permission"));
        assertThat(findings.get(0).message()).startsWith("set-not-null on user_permission: scans the whole table")
                .contains("instead: ADD CONSTRAINT");
    }
}
