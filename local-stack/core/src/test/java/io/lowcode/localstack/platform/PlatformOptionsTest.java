package io.lowcode.localstack.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lowcode.localstack.LocalStack;

class PlatformOptionsTest {

    private static final Path HOME = Path.of("/repo");

    @Test
    void servicesListenOnLoopbackUnlessAHostIsGiven() {
        assertThat(PlatformOptions.parse(HOME, List.of()).host()).isEqualTo("127.0.0.1");
        assertThat(PlatformOptions.parse(HOME, List.of("--host", "0.0.0.0")).host()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> PlatformOptions.parse(HOME, List.of("--host", "a b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--host");
    }

    @Test
    void aBenchmarkGetsItsOwnDataDirectoryAndPortsUnlessTheyAreGiven() {
        PlatformOptions up = PlatformOptions.parse(HOME, List.of());
        PlatformOptions bench = up.forBenchmark();
        try {
            assertThat(bench.dataDirectory()).isNotEqualTo(up.dataDirectory());
            assertThat(bench.ownBenchmarkData()).isTrue();
            assertThat(List.of(bench.kafkaPort(), bench.postgresPort(), bench.workstationPort(), bench.adminCenterPort(),
                    bench.portalPort())).doesNotContainAnyElementsOf(List.of(9092, 15432, 8081, 8082, 8083));
        } finally {
            LocalStack.deleteRecursively(bench.dataDirectory());
        }

        PlatformOptions chosen = PlatformOptions.parse(HOME, List.of("--data-dir", "/tmp/mine", "--portal-port", "9999"))
                .forBenchmark();
        assertThat(chosen.dataDirectory()).isEqualTo(Path.of("/tmp/mine"));
        assertThat(chosen.ownBenchmarkData()).isFalse();
        assertThat(chosen.portalPort()).isEqualTo(9999);
    }
}
