package io.gradguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradguard dashboard} and {@code train --dashboard} as a user runs them (HTTP checks; the browser test is apart). */
class DashboardCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path tmp;
    static Path run;

    /** A real, short guarded run with an injected NaN. */
    @BeforeAll
    static void train() {
        run = tmp.resolve("spirals");
        CliRunner r = CliRunner.run("train", TrainCommandTest.EXAMPLES.resolve("spirals.yaml").toString(), "--out",
                run.toString(), "-q", "--guard", "--inject", "nan@20", "--set", "training.epochs=2");
        assertThat(r.exit).as(r.err).isZero();
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void servesRunDirectoriesUntilStopped() throws Exception {
        Path copy = tmp.resolve("other/spirals");
        Files.createDirectories(copy);
        for (String f : List.of("spec.yaml", "metrics.jsonl")) {
            Files.copy(run.resolve(f), copy.resolve(f));
        }
        try (BackgroundCli cli = BackgroundCli.start("dashboard", run.toString(), copy.toString(), "--port", "0")) {
            String url = cli.await("dashboard: (http://127\\.0\\.0\\.1:\\d+/)", Duration.ofSeconds(30));
            assertThat(cli.await("serving 2 runs; Ctrl-C to stop", Duration.ofSeconds(5))).isNotEmpty();
            List<Map<String, Object>> runs = JSON.readValue(get(url + "api/runs").body(), List.class);
            assertThat(runs).extracting(r -> r.get("id")).containsExactly("spirals", "spirals-2");
            assertThat(runs.get(0)).containsEntry("status", "replay").containsEntry("epochs", 2)
                    .containsEntry("diagnosis", true).containsEntry("incident_kinds", Map.of("non_finite", 1));
            assertThat(runs.get(1)).containsEntry("incidents", 0).containsEntry("manifest", false);
            assertThat(get(url).body()).contains("uPlot");
            assertThat(cli.stop()).isZero();
            assertThatThrownBy(() -> get(url)).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aDirectoryThatIsNotARunIsOneClearLine() {
        CliRunner r = CliRunner.run("dashboard", tmp.resolve("nope").toString(), "--port", "0");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo("gradguard dashboard: " + tmp.resolve("nope")
                + " is not a run directory (no spec.yaml)");
    }

    @Test
    void badPortsAreOneClearLine() throws Exception {
        CliRunner r = CliRunner.run("dashboard", run.toString(), "--port", "70000");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("gradguard dashboard: --port must be in [0, 65535], got 70000");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRunner busy = CliRunner.run("dashboard", run.toString(), "--port", "" + taken.getLocalPort());
            assertThat(busy.exit).isEqualTo(2);
            assertThat(busy.err).contains("gradguard dashboard: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
        assertThat(CliRunner.run("dashboard").err).contains("Missing required parameter: 'RUN_DIR'");
    }

    @Test
    void anotherAddressIsServedWithAWarning() throws Exception {
        try (BackgroundCli cli = BackgroundCli.start("dashboard", run.toString(), "--host", "0.0.0.0", "--port", "0")) {
            String port = cli.await("dashboard: http://0\\.0\\.0\\.0:(\\d+)/", Duration.ofSeconds(30));
            assertThat(cli.await("warning: the dashboard listens on 0\\.0\\.0\\.0, not only on this machine: anyone "
                    + "who can reach port \\d+ can read these runs", Duration.ofSeconds(5))).isNotEmpty();
            // Not bound to loopback: no Host check, so any name that reaches it is answered.
            assertThat(get("http://127.0.0.1:" + port + "/api/runs").statusCode()).isEqualTo(200);
            assertThat(cli.stop()).isZero();
        }
    }

    @Test
    void trainDashboardFlagsNeedDashboard() {
        CliRunner r = CliRunner.run("train", TrainCommandTest.EXAMPLES.resolve("spirals.yaml").toString(), "--port",
                "8080");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo("gradguard train: --port, --host and --dashboard-exit need --dashboard");
    }

    @Test
    void trainWithDashboardExitStopsServingWhenTrainingEnds() throws Exception {
        CliRunner r = CliRunner.run("train", TrainCommandTest.EXAMPLES.resolve("spirals.yaml").toString(), "--out",
                tmp.resolve("exit").toString(), "-q", "--set", "training.epochs=1", "--dashboard", "--port", "0",
                "--dashboard-exit");
        assertThat(r.exit).as(r.err).isZero();
        String url = r.out.replaceFirst("(?s).*dashboard: (http://127\\.0\\.0\\.1:\\d+/).*", "$1");
        assertThat(url).startsWith("http://127.0.0.1:");
        assertThat(r.out).contains("spirals: done after 1 epochs").doesNotContain("still serving");
        assertThatThrownBy(() -> get(url)).isInstanceOf(ConnectException.class);
    }
}
