package io.lowcode.migrator.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.lowcode.migrator.release.ScriptClassifier.Kind;

class ScriptClassifierTest {

    static Stream<Arguments> scripts() {
        return Stream.of(
                // fully compatible: no DDL
                Arguments.of("data only", "UPDATE t SET a = 1 WHERE b = 'DROP TABLE x';", Compatibility.FULLY_COMPATIBLE, Kind.NO_DDL),
                Arguments.of("comment only", "-- DROP TABLE t;\nCOMMENT ON TABLE t IS 'x; DROP TABLE y';",
                        Compatibility.FULLY_COMPATIBLE, Kind.NO_DDL),
                Arguments.of("insert", "INSERT INTO t (a) VALUES ('a;b');", Compatibility.FULLY_COMPATIBLE, Kind.NO_DDL),
                // backward compatible: additive
                Arguments.of("new table with constraints", "CREATE TABLE t (id INT PRIMARY KEY, a TEXT NOT NULL UNIQUE);"
                        + " CREATE UNIQUE INDEX t_a ON t (a);", Compatibility.BACKWARD_COMPATIBLE, Kind.ADDITIVE),
                Arguments.of("nullable column", "ALTER TABLE t ADD COLUMN c TEXT;", Compatibility.BACKWARD_COMPATIBLE, Kind.ADDITIVE),
                Arguments.of("not null with default", "ALTER TABLE t ADD COLUMN c INT NOT NULL DEFAULT 0;",
                        Compatibility.BACKWARD_COMPATIBLE, Kind.ADDITIVE),
                Arguments.of("plain index", "CREATE INDEX t_c ON t (c) WHERE c IS NULL;", Compatibility.BACKWARD_COMPATIBLE, Kind.ADDITIVE),
                Arguments.of("function with a body that drops", "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN DROP TABLE x; RETURN NEW; END $$;", Compatibility.BACKWARD_COMPATIBLE, Kind.ADDITIVE),
                Arguments.of("relaxing: drop not null", "ALTER TABLE t ALTER COLUMN c DROP NOT NULL;",
                        Compatibility.BACKWARD_COMPATIBLE, Kind.RELAXING),
                // breaking, one per kind
                Arguments.of("drop table", "DROP TABLE t;", Compatibility.BREAKING, Kind.DROP),
                Arguments.of("drop column", "ALTER TABLE t DROP COLUMN c;", Compatibility.BREAKING, Kind.DROP),
                Arguments.of("rename column", "ALTER TABLE t RENAME COLUMN a TO b;", Compatibility.BREAKING, Kind.RENAME),
                Arguments.of("rename table", "ALTER TABLE t RENAME TO u;", Compatibility.BREAKING, Kind.RENAME),
                Arguments.of("type narrowing", "ALTER TABLE t ALTER COLUMN a TYPE VARCHAR(10);", Compatibility.BREAKING,
                        Kind.TYPE_CHANGE),
                Arguments.of("new not null without default", "ALTER TABLE t ADD COLUMN c TEXT NOT NULL;",
                        Compatibility.BREAKING, Kind.NOT_NULL_WITHOUT_DEFAULT),
                Arguments.of("set not null", "ALTER TABLE t ALTER COLUMN c SET NOT NULL;", Compatibility.BREAKING,
                        Kind.NOT_NULL_WITHOUT_DEFAULT),
                Arguments.of("new unique on existing table", "ALTER TABLE t ADD CONSTRAINT u UNIQUE (a, b);",
                        Compatibility.BREAKING, Kind.NEW_CONSTRAINT_ON_EXISTING_TABLE),
                Arguments.of("unique index on existing table", "CREATE UNIQUE INDEX u ON t (a);", Compatibility.BREAKING,
                        Kind.NEW_CONSTRAINT_ON_EXISTING_TABLE),
                Arguments.of("drop default", "ALTER TABLE t ALTER COLUMN c DROP DEFAULT;", Compatibility.BREAKING, Kind.DROP_DEFAULT),
                Arguments.of("delete rows", "DELETE FROM t WHERE a IS NULL;", Compatibility.BREAKING, Kind.DATA_LOSS),
                Arguments.of("unknown statement", "CLUSTER t USING t_pkey;", Compatibility.BREAKING, Kind.UNRECOGNISED),
                Arguments.of("one breaking action among additive ones", "ALTER TABLE t ADD COLUMN x TEXT, DROP COLUMN y,"
                        + " ADD COLUMN z INT DEFAULT 1;", Compatibility.BREAKING, Kind.DROP));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("scripts")
    void classifiesEachScriptByItsMostSevereStatement(String name, String sql, Compatibility expected, Kind kind) {
        ScriptClassifier.Classification c = ScriptClassifier.classify(sql);
        assertThat(c.compatibility()).isEqualTo(expected);
        assertThat(c.findings()).extracting(ScriptClassifier.Finding::kind).contains(kind);
    }
}
