package io.lowcode.migrator.release;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.lowcode.migrator.release.ScriptClassifier.Classification;
import io.lowcode.migrator.release.ScriptSource.Script;

/**
 * Computes each step's and each release's compatibility class from the scripts, compares it with what the
 * release declares, and checks the way back: a mismatch, or a breaking release with a step that has no way
 * back, makes the release invalid ({@code plan} and {@code migrate} refuse it).
 */
public final class ReleaseVerifier {

    public record StepVerdict(Step step, Compatibility computed, List<ScriptClassifier.Finding> breaking,
            boolean hasWayBack, List<String> missingWayBack) {
    }

    public record Verdict(Release release, Compatibility computed, List<StepVerdict> steps, List<String> problems,
            List<String> warnings) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private final ScriptSource scripts;
    private final String baseline;

    /** @param baseline the first release: it has no way back by definition (rollback stops there) */
    public ReleaseVerifier(ScriptSource scripts, String baseline) {
        this.scripts = scripts;
        this.baseline = baseline;
    }

    public Verdict verify(Release release) {
        List<StepVerdict> verdicts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Compatibility computed = Compatibility.FULLY_COMPATIBLE;
        Set<String> seen = new HashSet<>();
        for (Step step : release.steps()) {
            for (String dep : step.dependsOn()) {
                if (!seen.contains(dep)) {
                    problems.add(step.id() + " depends on " + dep + ", which does not run before it in " + release.version());
                }
            }
            seen.add(step.id());
            StepVerdict v = verifyStep(release, step);
            verdicts.add(v);
            computed = computed.max(v.computed());
            if (!v.hasWayBack()) {
                String message = step.id() + " has no way back (" + String.join(", ", v.missingWayBack()) + ")";
                if (release.version().equals(baseline)) {
                    // the baseline is where rollback stops
                } else if (release.declared() == Compatibility.BREAKING || computed == Compatibility.BREAKING) {
                    problems.add("breaking release without a way back: " + message);
                } else {
                    warnings.add(message);
                }
            }
        }
        if (computed != release.declared()) {
            problems.add("release " + release.version() + " declares " + release.declared().label()
                    + " but its scripts are " + computed.label() + describe(verdicts));
        }
        return new Verdict(release, computed, verdicts, problems, warnings);
    }

    private StepVerdict verifyStep(Release release, Step step) {
        if (step instanceof SchemaStep s) {
            {
                Compatibility c = Compatibility.FULLY_COMPATIBLE;
                List<ScriptClassifier.Finding> breaking = new ArrayList<>();
                List<String> missing = new ArrayList<>();
                List<Script> ups = scripts.upScripts(s.schema(), s.fromVersion(), s.toVersion());
                if (ups.size() != s.toVersion() - s.fromVersion()) {
                    missing.add("expected scripts V" + (s.fromVersion() + 1) + "..V" + s.toVersion() + ", found " + ups.size());
                }
                for (Script up : ups) {
                    Classification cl = ScriptClassifier.classify(up.sql());
                    c = c.max(cl.compatibility());
                    breaking.addAll(cl.breaking());
                    if (scripts.downScript(release.version(), s.schema(), up.version()).isEmpty()) {
                        missing.add("no down script for " + s.schema() + " " + up.name());
                    }
                }
                return new StepVerdict(step, c, breaking, missing.isEmpty(), missing);
            }
        }
        if (step instanceof DataStep d) {
            return new StepVerdict(step, Compatibility.FULLY_COMPATIBLE, List.of(), d.backward() != null,
                    d.backward() == null ? List.of("no backward data migration") : List.of());
        }
        return new StepVerdict(step, Compatibility.FULLY_COMPATIBLE, List.of(), true, List.of());
    }

    private static String describe(List<StepVerdict> verdicts) {
        StringBuilder sb = new StringBuilder();
        for (StepVerdict v : verdicts) {
            for (ScriptClassifier.Finding f : v.breaking()) {
                sb.append("; ").append(f.kind()).append(": ").append(abbreviate(f.statement()));
            }
        }
        return sb.toString();
    }

    static String abbreviate(String s) {
        return s.length() <= 90 ? s : s.substring(0, 87) + "...";
    }
}
