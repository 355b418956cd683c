package io.lowcode.admincenter.ops.reconciliation.service;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientRequestFilter;

import io.lowcode.admincenter.access.service.TokenService;
import io.lowcode.admincenter.ops.OpsConfig;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.portal.api.PortalClient;
import io.lowcode.portal.api.ReadModelAccount;
import io.lowcode.portal.api.ReadModelAccountPage;
import io.lowcode.portal.api.ReadModelFunction;
import io.lowcode.portal.api.ReadModelFunctionPage;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Reads the portal's read models through its ops API ({@link PortalClient}, page by page) with a short-lived token the
 * admin center signs for itself (role ops): the services never read each other's databases. Every call is bounded by
 * {@code lowcode.ops.reconciliation.portal-timeout}; the typed client blocks, so it runs on a worker thread.
 */
@ApplicationScoped
public class PortalReadModels {

    private final OpsConfig.Reconciliation config;
    private final TokenService tokens;

    public PortalReadModels(OpsConfig config, TokenService tokens) {
        this.config = config.reconciliation();
        this.tokens = tokens;
    }

    /** Both read models, whole. */
    public Uni<PortalState> read() {
        URI url = config.portalUrl().orElseThrow(() -> new IllegalStateException(
                "lowcode.ops.reconciliation.portal-url is not set: the admin center cannot read the portal"));
        return tokens.serviceToken(Set.of(Roles.OPS), config.tokenTtl())
                .flatMap(token -> Uni.createFrom().item(() -> readAll(url, token))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private PortalState readAll(URI url, String token) {
        PortalClient portal = QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(config.portalTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.portalTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register((ClientRequestFilter) request -> request.getHeaders()
                        .putSingle(RequestHeaders.AUTHORIZATION, "Bearer " + token))
                .build(PortalClient.class);
        try {
            return new PortalState(accounts(portal), functions(portal));
        } catch (WebApplicationException refused) {
            throw new IllegalStateException("the portal answered HTTP " + refused.getResponse().getStatus()
                    + " to its read-model API", refused);
        } finally {
            close(portal);
        }
    }

    private Map<UUID, PortalState.PortalAccount> accounts(PortalClient portal) {
        Map<UUID, PortalState.PortalAccount> accounts = new HashMap<>();
        UUID after = null;
        do {
            ReadModelAccountPage page = portal.readModelAccounts(after, config.pageSize());
            for (ReadModelAccount account : page.items()) {
                accounts.put(account.userId(), new PortalState.PortalAccount(new HashSet<>(account.roles()),
                        new HashSet<>(account.permissions())));
            }
            after = page.next();
        } while (after != null);
        return accounts;
    }

    private Map<String, String> functions(PortalClient portal) {
        Map<String, String> versions = new HashMap<>();
        UUID after = null;
        do {
            ReadModelFunctionPage page = portal.readModelFunctions(after, config.pageSize());
            for (ReadModelFunction function : page.items()) {
                versions.put(function.functionUnitId().toLowerCase(Locale.ROOT), function.version());
            }
            after = page.next();
        } while (after != null);
        return versions;
    }

    private static void close(Object client) {
        if (client instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                // nothing held worth reporting
            }
        }
    }
}
