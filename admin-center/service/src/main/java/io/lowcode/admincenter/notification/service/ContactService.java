package io.lowcode.admincenter.notification.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.UserContact;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** The phone numbers the SMS channel and IM mentions use ({@code user_contact}); set by admins. */
@ApplicationScoped
public class ContactService {

    /**
     * Records (or replaces) the user's phone number.
     *
     * @throws ProblemException 404 for an unknown user
     */
    @WithTransaction
    public Uni<UserContact> setPhone(String userId, String phone, Caller caller) {
        UUID id;
        try {
            id = UUID.fromString(userId);
        } catch (IllegalArgumentException notAUuid) {
            throw ProblemException.notFound("user", userId);
        }
        String normalized = phone.strip();
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO user_contact (user_id, phone, updated_at, updated_by)
                SELECT user_id, :phone, now(), :by FROM user_account WHERE user_id = :id
                ON CONFLICT (user_id) DO UPDATE SET phone = excluded.phone, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by""")
                .setParameter("id", id)
                .setParameter("phone", normalized)
                .setParameter("by", caller.userId())
                .executeUpdate())
                .map(written -> {
                    if (written == 0) {
                        throw ProblemException.notFound("user", userId);
                    }
                    Log.infof("phone number of user %s set by %s (correlation %s)", userId, caller.userId(),
                            caller.correlationId());
                    return new UserContact(userId, normalized);
                });
    }
}
