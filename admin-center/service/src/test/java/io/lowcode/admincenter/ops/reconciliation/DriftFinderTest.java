package io.lowcode.admincenter.ops.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lowcode.admincenter.ops.reconciliation.service.AdminState;
import io.lowcode.admincenter.ops.reconciliation.service.Drift;
import io.lowcode.admincenter.ops.reconciliation.service.Drift.Kind;
import io.lowcode.admincenter.ops.reconciliation.service.DriftFinder;
import io.lowcode.admincenter.ops.reconciliation.service.PortalState;

class DriftFinderTest {

    private static final UUID CAROL = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    private static final UUID DAVE = UUID.fromString("00000000-0000-0000-0000-00000000000d");

    @Test
    void identicalStatesHaveNoDrift() {
        AdminState admin = new AdminState(Map.of(CAROL, new AdminState.Account(true, Set.of("user"), Set.of("a:*:read"))),
                Map.of("unit-1", new AdminState.Deployed("1.0.0", "d1")));
        PortalState portal = new PortalState(Map.of(CAROL, new PortalState.PortalAccount(Set.of("user"),
                Set.of("a:*:read"))), Map.of("unit-1", "1.0.0"));

        assertThat(DriftFinder.find(admin, portal)).isEmpty();
    }

    @Test
    void everyKindOfDifferenceIsFoundWithTheAccountBeforeItsGrants() {
        AdminState admin = new AdminState(Map.of(
                CAROL, new AdminState.Account(true, Set.of("user", "power-user"), Set.of("a:*:read", "b:*:read")),
                DAVE, new AdminState.Account(true, Set.of("user"), Set.of("c:*:read"))),
                Map.of("unit-1", new AdminState.Deployed("2.0.0", "d2"), "unit-2", new AdminState.Deployed("1.0.0", "d3")));
        UUID stranger = UUID.fromString("00000000-0000-0000-0000-0000000000ff");
        PortalState portal = new PortalState(Map.of(
                CAROL, new PortalState.PortalAccount(Set.of("user"), Set.of("a:*:read", "z:*:write")),
                stranger, new PortalState.PortalAccount(Set.of("user"), Set.of())),
                Map.of("unit-1", "1.0.0", "unit-3", "1.0.0"));

        List<Drift> drifts = DriftFinder.find(admin, portal);

        assertThat(drifts).extracting(Drift::kind, Drift::subject, Drift::permission).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.ROLES_DIFFER, CAROL.toString(), null),
                org.assertj.core.groups.Tuple.tuple(Kind.PERMISSION_MISSING, CAROL.toString(), "b:*:read"),
                org.assertj.core.groups.Tuple.tuple(Kind.PERMISSION_EXTRA, CAROL.toString(), "z:*:write"),
                org.assertj.core.groups.Tuple.tuple(Kind.ACCOUNT_MISSING, DAVE.toString(), null),
                org.assertj.core.groups.Tuple.tuple(Kind.PERMISSION_MISSING, DAVE.toString(), "c:*:read"),
                org.assertj.core.groups.Tuple.tuple(Kind.ACCOUNT_UNKNOWN, stranger.toString(), null),
                org.assertj.core.groups.Tuple.tuple(Kind.FUNCTION_VERSION_DIFFERS, "unit-1", null),
                org.assertj.core.groups.Tuple.tuple(Kind.FUNCTION_MISSING, "unit-2", null),
                org.assertj.core.groups.Tuple.tuple(Kind.FUNCTION_EXTRA, "unit-3", null));
        assertThat(drifts).extracting(d -> d.kind().readModel()).containsOnly(Drift.PERMISSION_CACHE,
                Drift.AVAILABLE_FUNCTIONS);
    }

    @Test
    void aDisabledAccountIsLeftAlone() {
        AdminState admin = new AdminState(Map.of(CAROL, new AdminState.Account(false, Set.of("user"), Set.of("a:*:x"))),
                Map.of());

        assertThat(DriftFinder.find(admin, new PortalState(Map.of(), Map.of()))).isEmpty();
    }

    @Test
    void onlyADifferenceSeenInBothLooksIsConfirmed() {
        Drift missing = new Drift(Kind.PERMISSION_MISSING, CAROL.toString(), "a:*:read", "first look");
        Drift extra = new Drift(Kind.PERMISSION_EXTRA, CAROL.toString(), "b:*:read", "x");
        Drift versions = new Drift(Kind.FUNCTION_VERSION_DIFFERS, "unit-1", null, "1.0.0 vs 2.0.0");

        List<Drift> confirmed = DriftFinder.confirmed(List.of(missing, versions),
                List.of(new Drift(Kind.PERMISSION_MISSING, CAROL.toString(), "a:*:read", "second look"), extra,
                        new Drift(Kind.FUNCTION_VERSION_DIFFERS, "unit-1", null, "1.0.0 vs 3.0.0")));

        assertThat(confirmed).extracting(Drift::kind).containsExactly(Kind.PERMISSION_MISSING,
                Kind.FUNCTION_VERSION_DIFFERS);
        assertThat(confirmed.get(0).detail()).as("the second look's detail is reported").isEqualTo("second look");
    }
}
