package io.lowcode.eventschema.payload;

import java.util.List;

/**
 * Who a notification goes to; at least one list is non-empty (the schema enforces it).
 *
 * @param users user ids
 * @param roles role names, expanded to their members by the notifier
 */
public record Recipients(List<String> users, List<String> roles) {

    public Recipients {
        users = Payloads.copy(users);
        roles = Payloads.copy(roles);
    }
}
