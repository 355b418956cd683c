package io.lowcode.eventschema.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

class PermissionTest {

    @Test
    void parsesTheThreePartsOfAWrittenPermission() {
        Permission p = Permission.parse("function-unit:3f2a-9b.x_1:execute");
        assertThat(p.resourceType()).isEqualTo("function-unit");
        assertThat(p.resourceId()).isEqualTo("3f2a-9b.x_1");
        assertThat(p.action()).isEqualTo("execute");
        assertThat(p).hasToString("function-unit:3f2a-9b.x_1:execute");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "function-unit", "function-unit:*", "function-unit:*:execute:now",
            "Function-unit:*:execute", "function-unit:*:Execute", "function-unit::execute", "function-unit:a b:execute",
            ":*:execute", "function-unit:*:", "function-unit:**:execute", "1unit:*:execute" })
    void rejectsAnythingElseWithTheExpectedForm(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Permission.parse(text))
                .withMessageMatching("must (not be blank|be <resource-type>.*)");
    }

    @Test
    void rejectsOverlongPermissions() {
        assertThatIllegalArgumentException().isThrownBy(() -> Permission.parse("a:" + "x".repeat(300) + ":b"))
                .withMessage("must be at most 256 characters");
    }

    @Test
    void aWildcardImpliesEveryResourceOfItsTypeAndActionOnly() {
        Permission any = Permission.parse("function-unit:*:execute");
        assertThat(any.implies(Permission.parse("function-unit:42:execute"))).isTrue();
        assertThat(any.implies(Permission.parse("function-unit:42:deploy"))).isFalse();
        assertThat(any.implies(Permission.parse("workflow:42:execute"))).isFalse();
        Permission one = Permission.parse("function-unit:42:execute");
        assertThat(one.implies(Permission.parse("function-unit:42:execute"))).isTrue();
        assertThat(one.implies(Permission.parse("function-unit:43:execute"))).isFalse();
        assertThat(one.implies(any)).isFalse();
    }

    @Test
    void effectivePermissionsAreRoleGrantsPlusDirectGrants() {
        Permission direct = Permission.parse("function-unit:7:execute");
        Set<Permission> user = RoleCatalog.effective(List.of(Roles.USER), List.of(direct));
        assertThat(user).containsExactly(direct);
        assertThat(RoleCatalog.allows(user, Permission.parse("function-unit:8:execute"))).isFalse();

        Set<Permission> power = RoleCatalog.effective(List.of(Roles.USER, Roles.POWER_USER, "no-such-role"), List.of(direct));
        assertThat(power).containsExactlyInAnyOrder(Permission.parse("function-unit:*:execute"), direct);
        assertThat(RoleCatalog.allows(power, Permission.parse("function-unit:8:execute"))).isTrue();
    }

    @Test
    void everyCatalogRoleIsKnownByName() {
        for (RoleCatalog role : RoleCatalog.values()) {
            assertThat(RoleCatalog.find(role.role())).contains(role);
        }
        assertThat(RoleCatalog.find("root")).isEmpty();
    }

    @Property
    void writtenFormRoundTrips(@ForAll @AlphaChars @StringLength(min = 1, max = 40) String id) {
        Permission p = Permission.of("function-unit", id, "execute");
        assertThat(Permission.parse(p.toString())).isEqualTo(p);
    }
}
