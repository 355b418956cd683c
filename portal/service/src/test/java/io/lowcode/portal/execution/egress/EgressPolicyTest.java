package io.lowcode.portal.execution.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class EgressPolicyTest {

    private static InetAddress ip(String literal) {
        return AddressRange.literal(literal).orElseThrow();
    }

    @Test
    void anEmptyListAllowsNothing() {
        EgressPolicy none = EgressPolicy.of(List.of(), Set.of());
        assertThat(none.allowsNothing()).isTrue();
        assertThat(none.hostAllowed("api.example.com", 443, 443)).isFalse();
    }

    @Test
    void hostPatternsMatchNamesWildcardsAndPorts() {
        EgressPolicy policy = EgressPolicy.of(List.of("api.example.com", "*.partner.io:8443", "open.example:*"),
                Set.of());
        assertThat(policy.hostAllowed("api.example.com", 443, 443)).isTrue();
        assertThat(policy.hostAllowed("API.example.com.", 80, 80)).as("case and trailing dot").isTrue();
        assertThat(policy.hostAllowed("api.example.com", 8080, 80)).as("no port: the scheme's only").isFalse();
        assertThat(policy.hostAllowed("x.partner.io", 8443, 443)).isTrue();
        assertThat(policy.hostAllowed("partner.io", 8443, 443)).as("a wildcard is for subdomains").isFalse();
        assertThat(policy.hostAllowed("evilpartner.io", 8443, 443)).isFalse();
        assertThat(policy.hostAllowed("open.example", 1234, 80)).isTrue();
        assertThat(policy.hostAllowed("other.example", 443, 443)).isFalse();
    }

    @Test
    void internalAddressesAreRefusedEvenWhenEveryHostIsAllowed() {
        EgressPolicy any = EgressPolicy.of(List.of("*:*"), Set.of());
        for (String internal : List.of("127.0.0.1", "127.9.9.9", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.1", "255.255.255.255", "192.0.2.2",
                "::1", "::", "fe80::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "64:ff9b::a00:1",
                "2002:7f00:1::")) {
            assertThat(any.addressAllowed(ip(internal), 80, 80)).as(internal).isFalse();
        }
        assertThat(any.addressAllowed(ip("93.184.215.14"), 80, 80)).isTrue();
        assertThat(any.addressAllowed(ip("2606:2800:21f:cb07:6820:80da:af6b:8b2c"), 443, 443)).isTrue();
        assertThat(any.addressAllowed(ip("172.32.0.1"), 80, 80)).as("just outside 172.16/12").isTrue();
    }

    @Test
    void theplatformsOwnAddressesAreRefused() {
        EgressPolicy policy = EgressPolicy.of(List.of("*:*"), Set.of(ip("93.184.215.14")));
        assertThat(policy.addressAllowed(ip("93.184.215.14"), 80, 80)).isFalse();
    }

    @Test
    void anInternalAddressIsAllowedOnlyByAnAddressEntryNamingItAndItsPort() {
        EgressPolicy policy = EgressPolicy.of(List.of("127.0.0.1:18080", "10.20.0.0/16:8080", "[fd00::]/8:*",
                "localhost:18080"), Set.of());
        assertThat(policy.hostAllowed("127.0.0.1", 18080, 80)).isTrue();
        assertThat(policy.addressAllowed(ip("127.0.0.1"), 18080, 80)).isTrue();
        assertThat(policy.addressAllowed(ip("127.0.0.1"), 8082, 80)).as("another port").isFalse();
        assertThat(policy.addressAllowed(ip("127.0.0.2"), 18080, 80)).isFalse();
        assertThat(policy.addressAllowed(ip("10.20.5.6"), 8080, 80)).isTrue();
        assertThat(policy.addressAllowed(ip("10.21.5.6"), 8080, 80)).isFalse();
        assertThat(policy.addressAllowed(ip("fd00::7"), 9999, 80)).isTrue();
        assertThat(policy.hostAllowed("10.20.5.6", 8080, 80)).as("an IP host matches a CIDR entry").isTrue();
        // a name entry lets the name be called, but not resolve to loopback: only address entries allow internals
        assertThat(policy.hostAllowed("localhost", 18080, 80)).isTrue();
        assertThat(policy.addressAllowed(ip("::1"), 18080, 80)).isFalse();
    }

    @Test
    void malformedEntriesAreRefusedAtStart() {
        assertThatThrownBy(() -> EgressPolicy.of(List.of("example.com:http"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example.com:http");
        assertThatThrownBy(() -> EgressPolicy.of(List.of("10.0.0.0/33"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EgressPolicy.of(List.of("example.com:0"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyStrictLiteralsAreAddressesNeverAnythingThatNeedsALookup() {
        assertThat(AddressRange.literal("127.0.0.1")).isPresent();
        assertThat(AddressRange.literal("[::1]")).isPresent();
        assertThat(AddressRange.literal("127.1")).as("resolved like a name, then checked as an address").isEmpty();
        assertThat(AddressRange.literal("2130706433")).isEmpty();
        assertThat(AddressRange.literal("localhost")).isEmpty();
    }
}
