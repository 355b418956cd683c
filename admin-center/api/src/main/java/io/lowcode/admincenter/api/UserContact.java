package io.lowcode.admincenter.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A user's contact details for notifications beyond the account's email.
 *
 * @param userId the user (set by the service in answers; ignored in requests)
 * @param phone  mobile number for SMS and IM mentions, digits with an optional leading {@code +}
 */
public record UserContact(String userId,
                          @NotBlank @Pattern(regexp = "\\+?[0-9]{6,20}", message = "must be 6 to 20 digits with an optional leading +")
                          String phone) {
}
