package io.lowcode.admincenter.access.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;


/** The platform always keeps an administrator, and no administrator removes their own power by mistake. */
class AdminGuardTest {

    @Test
    void anAdminCannotTakeTheirOwnAdminRoleWhateverTheCount() {
        assertThat(UserAdministration.refusal(true, 5, "ines", "drop the admin role of"))
                .hasValueSatisfying(p -> assertThat(p.slug()).isEqualTo("own-admin-role"));
    }

    @Test
    void theLastActiveAdminKeepsTheRole() {
        assertThat(UserAdministration.refusal(false, 1, "root", "disable"))
                .hasValueSatisfying(p -> {
                    assertThat(p.slug()).isEqualTo("last-admin");
                    assertThat(p.status()).isEqualTo(409);
                });
        assertThat(UserAdministration.refusal(false, 2, "root", "disable")).isEmpty();
    }
}
