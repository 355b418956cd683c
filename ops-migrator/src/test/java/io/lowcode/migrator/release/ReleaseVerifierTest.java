package io.lowcode.migrator.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.lowcode.migrator.release.ScriptSource.Script;

class ReleaseVerifierTest {

    /** Scripts by schema and version; down scripts by version when present. */
    record Scripts(Map<Integer, String> up, Map<Integer, String> down) implements ScriptSource {
        @Override
        public List<Script> upScripts(String schema, int from, int to) {
            return up.entrySet().stream().filter(e -> e.getKey() > from && e.getKey() <= to).sorted(Map.Entry.comparingByKey())
                    .map(e -> new Script(e.getKey(), "V" + e.getKey() + "__x.sql", e.getValue())).toList();
        }

        @Override
        public Optional<Script> downScript(String release, String schema, int version) {
            return Optional.ofNullable(down.get(version)).map(sql -> new Script(version, "U" + version + "__x.sql", sql));
        }
    }

    private static Release release(Compatibility declared) {
        return new Release("2.0.0", declared, "test",
                List.of(new SchemaStep("2.0.0/s/schema-2", "s", 1, 2, "test", List.of(), List.of())), List.of());
    }

    @Test
    void aReleaseDeclaredBackwardCompatibleWhoseScriptDropsAColumnIsRefused() {
        ReleaseVerifier verifier = new ReleaseVerifier(new Scripts(Map.of(2, "ALTER TABLE t DROP COLUMN c;"),
                Map.of(2, "ALTER TABLE t ADD COLUMN c TEXT;")), "1.0.0");
        ReleaseVerifier.Verdict verdict = verifier.verify(release(Compatibility.BACKWARD_COMPATIBLE));
        assertThat(verdict.computed()).isEqualTo(Compatibility.BREAKING);
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.problems()).anyMatch(p -> p.contains("declares backward compatible but its scripts are breaking"));
    }

    @Test
    void aBreakingReleaseWithoutADownScriptIsRefused() {
        ReleaseVerifier verifier = new ReleaseVerifier(new Scripts(Map.of(2, "DROP TABLE t;"), Map.of()), "1.0.0");
        ReleaseVerifier.Verdict verdict = verifier.verify(release(Compatibility.BREAKING));
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.problems()).anyMatch(p -> p.startsWith("breaking release without a way back"));
    }

    @Test
    void aBreakingReleaseWithItsWayBackAndTheRightDeclarationIsValid() {
        ReleaseVerifier verifier = new ReleaseVerifier(new Scripts(Map.of(2, "DROP TABLE t;"),
                Map.of(2, "CREATE TABLE t (id INT);")), "1.0.0");
        assertThat(verifier.verify(release(Compatibility.BREAKING)).valid()).isTrue();
    }

    @Test
    void aStepDependingOnALaterStepIsRefused() {
        Release r = new Release("1.2.0", Compatibility.FULLY_COMPATIBLE, "test", List.of(
                new ConfigStep("a", "a", List.of("b"), Map.of()), new ConfigStep("b", "b", List.of(), Map.of())), List.of());
        ReleaseVerifier.Verdict verdict = new ReleaseVerifier(new Scripts(Map.of(), Map.of()), "1.0.0").verify(r);
        assertThat(verdict.problems()).anyMatch(p -> p.contains("a depends on b"));
    }
}
