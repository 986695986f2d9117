package io.gradguard.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.dashboard.data.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardTest {
    @TempDir
    Path tmp;

    @Test
    void runIdsAreDirectoryNamesMadeUrlSafeAndUnique() {
        Set<String> taken = new HashSet<>();
        assertThat(Dashboard.uniqueId(Path.of("/a/spirals"), taken)).isEqualTo("spirals");
        assertThat(Dashboard.uniqueId(Path.of("/b/spirals"), taken)).isEqualTo("spirals-2");
        assertThat(Dashboard.uniqueId(Path.of("/c/my run?#1"), taken)).isEqualTo("my_run__1");
        assertThat(Dashboard.uniqueId(Path.of("/"), taken)).isEqualTo("run");
    }

    @Test
    void servesTwoRunsWithTheSameNameAndTellsItsUrl() throws IOException {
        Path a = new RunFixture(tmp.resolve("x/run"), 10, 2).write();
        Path b = new RunFixture(tmp.resolve("y/run"), 10, 2).write();
        try (Dashboard d = Dashboard.start(DashboardConfig.local(0), List.of(a, b), RunStatus.REPLAY)) {
            assertThat(d.runIds()).containsExactly("run", "run-2");
            assertThat(d.url().toString()).isEqualTo("http://127.0.0.1:" + d.port() + "/");
            assertThat(d.loopbackOnly()).isTrue();
            assertThat(d.clients()).isZero();
        }
    }

    @Test
    void refusesDirectoriesThatAreNotRunsOrGivenTwice() throws IOException {
        Path a = new RunFixture(tmp.resolve("a"), 10, 2).write();
        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> Dashboard.start(DashboardConfig.local(0), List.of(a, tmp.resolve("empty")),
                RunStatus.REPLAY)).isInstanceOf(IOException.class)
                .hasMessageContaining(tmp.resolve("empty") + " is not a run directory (no spec.yaml)");
        assertThatThrownBy(() -> Dashboard.start(DashboardConfig.local(0), List.of(a, a.resolve("../a")),
                RunStatus.REPLAY)).isInstanceOf(IOException.class).hasMessageContaining("is given twice");
        assertThatThrownBy(() -> Dashboard.start(DashboardConfig.local(0), List.of(), RunStatus.REPLAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one run directory");
    }

    @Test
    void configIsValidatedAndNamesTheBadValue() {
        assertThatThrownBy(() -> DashboardConfig.of(" ", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dashboard host must not be blank, got ' '");
        assertThatThrownBy(() -> DashboardConfig.local(70000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dashboard port must be in [0, 65535], got 70000");
        assertThatThrownBy(() -> new DashboardConfig("::1", 0, Duration.ofMillis(1), Duration.ofSeconds(1)))
                .hasMessage("dashboard poll must be >= 10 ms, got PT0.001S");
        assertThatThrownBy(() -> new DashboardConfig("::1", 0, Duration.ofSeconds(1), Duration.ofMillis(100)))
                .hasMessage("dashboard publish interval must be >= poll (PT1S), got PT0.1S");
        assertThat(DashboardConfig.local(7070).host()).isEqualTo("127.0.0.1");
    }

    @Test
    void anotherAddressIsNotLoopbackOnly() throws IOException {
        Path a = new RunFixture(tmp.resolve("a"), 10, 2).write();
        try (Dashboard d = Dashboard.start(DashboardConfig.of("0.0.0.0", 0), List.of(a), RunStatus.REPLAY)) {
            assertThat(d.loopbackOnly()).isFalse();
            assertThat(d.url().toString()).startsWith("http://0.0.0.0:");
        }
        try (Dashboard d = Dashboard.start(DashboardConfig.of("::1", 0), List.of(a), RunStatus.REPLAY)) {
            assertThat(d.loopbackOnly()).isTrue();
            assertThat(d.url().toString()).startsWith("http://[::1]:");
        }
    }
}
