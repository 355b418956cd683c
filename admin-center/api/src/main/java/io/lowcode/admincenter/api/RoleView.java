package io.lowcode.admincenter.api;

import java.util.List;

/**
 * A role and what it grants.
 *
 * @param role        its name, as in tokens and events
 * @param description what it is for
 * @param permissions what every holder may do
 */
public record RoleView(String role, String description, List<String> permissions) {
}
