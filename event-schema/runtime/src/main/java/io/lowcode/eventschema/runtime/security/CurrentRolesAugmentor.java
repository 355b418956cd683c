package io.lowcode.eventschema.runtime.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Replaces the roles a token carries with the caller's current roles wherever the service knows the account
 * ({@link CurrentAccounts}), and refuses the tokens of disabled accounts and tokens issued before the account's last
 * password change (401). So a demoted admin's live token cannot re-grant itself, and disabling an account takes effect
 * without waiting for its tokens to expire. Lookups are cached for {@code lowcode.auth.current-roles-ttl} (0: never) —
 * a service whose accounts come from events learns of a change a moment later anyway.
 */
@ApplicationScoped
public class CurrentRolesAugmentor implements SecurityIdentityAugmentor {

    private static final int MAX_CACHED = 10_000;

    private record Cached(Optional<CurrentAccounts.Account> account, long expiresAt) {
    }

    private final Instance<CurrentAccounts> accounts;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public CurrentRolesAugmentor(Instance<CurrentAccounts> accounts,
            @ConfigProperty(name = "lowcode.auth.current-roles-ttl", defaultValue = "2S") Duration ttl) {
        this.accounts = accounts;
        this.ttl = ttl;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !accounts.isResolvable()
                || !(identity.getPrincipal() instanceof JsonWebToken token) || token.getSubject() == null) {
            return Uni.createFrom().item(identity);
        }
        return lookup(token.getSubject()).map(found -> found.map(account -> current(identity, token, account))
                .orElse(identity));
    }

    private Uni<Optional<CurrentAccounts.Account>> lookup(String subject) {
        long now = System.nanoTime();
        Cached cached = ttl.isZero() ? null : cache.get(subject);
        if (cached != null && cached.expiresAt() - now > 0) {
            return Uni.createFrom().item(cached.account());
        }
        return accounts.get().find(subject).invoke(found -> {
            if (!ttl.isZero()) {
                if (cache.size() >= MAX_CACHED) {
                    cache.entrySet().removeIf(e -> e.getValue().expiresAt() - now <= 0);
                    if (cache.size() >= MAX_CACHED) {
                        cache.clear(); // only a cache: the next requests ask the service again
                    }
                }
                cache.put(subject, new Cached(found, now + ttl.toNanos()));
            }
        });
    }

    private static long generation(JsonWebToken token) {
        Object claim = token.getClaim(CurrentAccounts.GENERATION_CLAIM);
        if (claim instanceof Number n) {
            return n.longValue();
        }
        if (claim instanceof jakarta.json.JsonNumber n) {
            return n.longValue();
        }
        return 0;
    }

    private static SecurityIdentity current(SecurityIdentity identity, JsonWebToken token,
            CurrentAccounts.Account account) {
        if (!account.active()) {
            Log.infof("refused a token of disabled account %s", token.getSubject());
            throw new AuthenticationFailedException("account disabled");
        }
        if (account.tokenGeneration() > 0 && generation(token) < account.tokenGeneration()) {
            Log.infof("refused a token of %s issued before its password changed", token.getSubject());
            throw new AuthenticationFailedException("token issued before the password changed");
        }
        if (account.roles().equals(identity.getRoles())) {
            return identity;
        }
        return QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials()).addAttributes(identity.getAttributes())
                .addRoles(account.roles()).setAnonymous(false).build();
    }
}
