package io.lowcode.eventschema.runtime.security;

import java.util.Optional;
import java.util.Set;

import io.smallrye.mutiny.Uni;

/**
 * What a service knows about an account now — its roles, whether it may act, since when its tokens count — so that a
 * request acts with the caller's current rights, not those frozen into a token that is still valid
 * ({@link CurrentRolesAugmentor}). A service provides one bean: the admin center reads its own tables, the portal and
 * the workstation the accounts they keep from {@code user-permission-events}.
 */
public interface CurrentAccounts {

    /**
     * One account as the service knows it.
     *
     * @param active          {@code false} for a disabled account: its tokens are refused
     * @param roles           its roles now (they replace the token's)
     * @param tokenGeneration tokens whose {@value #GENERATION_CLAIM} claim is lower are refused (each password change
     *                        or reset raises it); {@code 0} when every token counts
     */
    record Account(boolean active, Set<String> roles, long tokenGeneration) {
    }

    /** The claim of the admin center's tokens that names the account's token generation at login. */
    String GENERATION_CLAIM = "gen";

    /**
     * The account of token subject {@code subject}, or empty when this service does not know it (a token of another
     * issuer's user, or an account whose events have not arrived yet): the token's roles apply then.
     */
    Uni<Optional<Account>> find(String subject);
}
