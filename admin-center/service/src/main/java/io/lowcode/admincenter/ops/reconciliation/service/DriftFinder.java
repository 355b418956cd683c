package io.lowcode.admincenter.ops.reconciliation.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.lowcode.admincenter.ops.reconciliation.service.AdminState.Account;
import io.lowcode.admincenter.ops.reconciliation.service.AdminState.Deployed;
import io.lowcode.admincenter.ops.reconciliation.service.PortalState.PortalAccount;
import io.lowcode.admincenter.ops.reconciliation.service.Drift.Kind;

/**
 * Compares the portal's read models with the admin center's state, object by object: accounts (present, roles,
 * direct grants) and available functions (present, version). Pure; the order is stable (by user, then function
 * unit), and for one user an account comes before its grants — the order the repairs must be applied in.
 */
public final class DriftFinder {

    private DriftFinder() {
    }

    public static List<Drift> find(AdminState admin, PortalState portal) {
        List<Drift> drifts = new ArrayList<>();
        Set<UUID> users = new TreeSet<>(admin.accounts().keySet());
        users.addAll(portal.accounts().keySet());
        for (UUID user : users) {
            accountDrifts(user, admin.accounts().get(user), portal.accounts().get(user), drifts);
        }
        Set<String> units = new TreeSet<>(admin.deployments().keySet());
        units.addAll(portal.functionVersions().keySet());
        for (String unit : units) {
            functionDrift(unit, admin.deployments().get(unit), portal.functionVersions().get(unit), drifts);
        }
        return drifts;
    }

    private static void accountDrifts(UUID user, Account admin, PortalAccount portal, List<Drift> drifts) {
        String id = user.toString();
        if (admin == null) {
            drifts.add(new Drift(Kind.ACCOUNT_UNKNOWN, id, null, "the portal has an account the admin center does "
                    + "not know (roles " + AdminState.sorted(portal.roles()) + ")"));
            return;
        }
        if (!admin.active()) {
            return; // the portal keeps what it had; no event disables an account
        }
        Set<String> portalPermissions = portal == null ? Set.of() : portal.permissions();
        if (portal == null) {
            drifts.add(new Drift(Kind.ACCOUNT_MISSING, id, null, "the portal has no account for this user (roles "
                    + AdminState.sorted(admin.roles()) + ")"));
        } else if (!portal.roles().equals(admin.roles())) {
            drifts.add(new Drift(Kind.ROLES_DIFFER, id, null, "roles " + AdminState.sorted(portal.roles())
                    + " in the portal, " + AdminState.sorted(admin.roles()) + " in the admin center"));
        }
        for (String permission : new TreeSet<>(admin.permissions())) {
            if (!portalPermissions.contains(permission)) {
                drifts.add(new Drift(Kind.PERMISSION_MISSING, id, permission, permission
                        + " is granted but missing from the portal"));
            }
        }
        for (String permission : new TreeSet<>(portalPermissions)) {
            if (!admin.permissions().contains(permission)) {
                drifts.add(new Drift(Kind.PERMISSION_EXTRA, id, permission, permission
                        + " is in the portal but not granted"));
            }
        }
    }

    private static void functionDrift(String unit, Deployed admin, String portalVersion, List<Drift> drifts) {
        if (admin != null && portalVersion == null) {
            drifts.add(new Drift(Kind.FUNCTION_MISSING, unit, null, "version " + admin.version()
                    + " is deployed but not available in the portal"));
        } else if (admin != null && !admin.version().equals(portalVersion)) {
            drifts.add(new Drift(Kind.FUNCTION_VERSION_DIFFERS, unit, null, "the portal offers " + portalVersion
                    + ", the deployed version is " + admin.version()));
        } else if (admin == null && portalVersion != null) {
            drifts.add(new Drift(Kind.FUNCTION_EXTRA, unit, null, "the portal offers " + portalVersion
                    + " but nothing is deployed"));
        }
    }

    /** The drifts of {@code second} also in {@code first}: a difference seen twice is not an event in flight. */
    public static List<Drift> confirmed(List<Drift> first, List<Drift> second) {
        return second.stream().filter(d -> first.stream().anyMatch(d::sameAs)).toList();
    }
}
