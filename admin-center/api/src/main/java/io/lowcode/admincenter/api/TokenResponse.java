package io.lowcode.admincenter.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A signed access token (OAuth 2.0 token response shape).
 *
 * @param accessToken the JWT to send as {@code Authorization: Bearer <token>} to every service
 * @param tokenType   always {@code Bearer}
 * @param expiresIn   seconds until it expires
 */
public record TokenResponse(@JsonProperty("access_token") String accessToken,
                            @JsonProperty("token_type") String tokenType,
                            @JsonProperty("expires_in") long expiresIn) {
}
