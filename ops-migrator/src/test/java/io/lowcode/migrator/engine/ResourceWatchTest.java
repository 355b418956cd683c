package io.lowcode.migrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** The resource watch's decisions on given samples: a warning with advice once per step, a pause at a hard limit. */
class ResourceWatchTest {

    private static final long MB = 1L << 20;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Progress progress = new Progress(new PrintStream(out, true, StandardCharsets.UTF_8), false, null);
    private final ResourceWatch watch = new ResourceWatch(new ResourceWatch.Limits(Duration.ofSeconds(2), 0.8, 0.95, 0.85,
            0.95, 2048, 512, OptionalLong.of(900), OptionalLong.of(1000)), progress);

    private static ResourceWatch.Sample sample(long connections, long dbMb, OptionalLong freeMb, long heapMb) {
        return new ResourceWatch.Sample(connections, 100, dbMb * MB,
                freeMb.isPresent() ? OptionalLong.of(freeMb.getAsLong() * MB) : OptionalLong.empty(), heapMb * MB, 1000 * MB);
    }

    private String said() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void belowEveryLimitNothingIsSaidAndNothingPauses() {
        assertThat(watch.judge(sample(10, 100, OptionalLong.of(50_000), 100))).isEmpty();
        assertThat(said()).isEmpty();
    }

    @Test
    void nearALimitItWarnsOncePerStepWithAdviceAndGoesOn() {
        assertThat(watch.judge(sample(85, 100, OptionalLong.of(50_000), 900))).isEmpty();
        assertThat(watch.judge(sample(86, 100, OptionalLong.of(50_000), 900))).isEmpty();
        assertThat(said()).containsOnlyOnce("WARN connections 85 of max_connections 100 in use (warn at 80%)")
                .contains("lower the load with --max-rate")
                .containsOnlyOnce("WARN the migrator's heap 900 MB of 1000 MB (warn at 85%): a smaller --batch-size");
        watch.startStep();
        watch.judge(sample(85, 100, OptionalLong.of(50_000), 100));
        assertThat(said().split("WARN connections", -1)).as("warned again in the next step").hasSize(3);
    }

    @Test
    void atAHardLimitItAsksToPauseNamingTheResource() {
        assertThat(watch.judge(sample(96, 100, OptionalLong.of(50_000), 100)))
                .hasValue("connections 96 of max_connections 100 in use (pause at 95%)");
        assertThat(watch.judge(sample(10, 100, OptionalLong.of(400), 100)))
                .hasValue("400 MB free on the database's volume (pause below 512 MB): free space first");
        assertThat(watch.judge(sample(10, 1_000, OptionalLong.of(50_000), 100)))
                .hasValue("database 1000 MB (pause at 1000 MB)");
        assertThat(watch.judge(sample(10, 100, OptionalLong.of(50_000), 960))).get().asString()
                .startsWith("the migrator's heap 960 MB of 1000 MB (pause at 95%)");
    }

    @Test
    void freeDiskThatIsNotVisibleFromHereIsNeitherWarnedAboutNorAReasonToPause() {
        assertThat(watch.judge(sample(10, 100, OptionalLong.empty(), 100))).isEmpty();
        assertThat(said()).doesNotContain("free");
    }

    @Test
    void limitsSwitchedOffNeverPause() {
        ResourceWatch off = new ResourceWatch(ResourceWatch.Limits.none(), progress);
        assertThat(off.judge(sample(100, 100_000, OptionalLong.of(1), 1000))).isEmpty();
        assertThat(said()).isEmpty();
    }
}
