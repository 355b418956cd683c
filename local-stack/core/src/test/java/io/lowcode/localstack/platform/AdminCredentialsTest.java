package io.lowcode.localstack.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first admin's password is generated once, shown on that start only, and read back afterwards. */
class AdminCredentialsTest {

    @TempDir
    Path data;

    @Test
    void aGeneratedPasswordIsReportedAsGeneratedOnlyOnTheStartThatMadeIt() {
        AdminCredentials first = AdminCredentials.resolve(Map.of(), data);
        AdminCredentials second = AdminCredentials.resolve(Map.of(), data);

        assertThat(first.source()).isEqualTo(AdminCredentials.Source.GENERATED);
        assertThat(first.password()).hasSize(20);
        assertThat(second.source()).isEqualTo(AdminCredentials.Source.SAVED);
        assertThat(second.password()).isEqualTo(first.password());
        assertThat(second.username()).isEqualTo("admin");
        assertThat(AdminCredentials.file(data)).isRegularFile();
    }

    @Test
    void aPasswordFromTheEnvironmentWinsAndIsNeverSaved() {
        AdminCredentials fromEnvironment = AdminCredentials.resolve(Map.of(
                AdminCredentials.USER_VARIABLE, "root-admin", AdminCredentials.PASSWORD_VARIABLE, "long-enough-secret"), data);

        assertThat(fromEnvironment.source()).isEqualTo(AdminCredentials.Source.ENVIRONMENT);
        assertThat(fromEnvironment.username()).isEqualTo("root-admin");
        assertThat(AdminCredentials.file(data)).doesNotExist();
        assertThat(fromEnvironment.toString()).doesNotContain("long-enough-secret");
    }

    @Test
    void aShortPasswordFromTheEnvironmentIsRefused() {
        assertThatThrownBy(() -> AdminCredentials.resolve(Map.of(AdminCredentials.PASSWORD_VARIABLE, "short"), data))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 12 characters");
    }

    @Test
    void randomPasswordsDiffer() {
        assertThat(AdminCredentials.randomPassword()).isNotEqualTo(AdminCredentials.randomPassword())
                .matches("[A-Za-z0-9]{20}");
    }
}
