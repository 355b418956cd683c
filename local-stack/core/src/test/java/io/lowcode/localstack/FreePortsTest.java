package io.lowcode.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void blocksAreSpreadBelowTheEphemeralRangeSoThatConcurrentStacksDoNotCollide() throws Exception {
        int ephemeral = Integer.parseInt(String.join(" ", Files.readAllLines(
                Path.of("/proc/sys/net/ipv4/ip_local_port_range"))).trim().split("\\s+")[0]);
        Set<Integer> bases = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int base = FreePorts.block(3);
            assertThat(base).isBetween(10_000, ephemeral - 3);
            bases.add(base);
        }
        assertThat(bases).as("20 blocks, not all at the same place").hasSizeGreaterThan(10);
    }
}
