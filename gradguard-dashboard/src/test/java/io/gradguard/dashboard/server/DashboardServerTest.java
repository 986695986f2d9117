package io.gradguard.dashboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradguard.dashboard.Dashboard;
import io.gradguard.dashboard.DashboardConfig;
import io.gradguard.dashboard.RunFixture;
import io.gradguard.dashboard.data.RunStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every endpoint of a dashboard replaying two runs, with good and bad paths and parameters. */
class DashboardServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path tmp;
    static Dashboard dashboard;
    static RunFixture fixture;

    @BeforeAll
    static void start() throws IOException {
        fixture = new RunFixture(tmp.resolve("full"), 3000, 8);
        Path a = fixture.write();
        Path b = new RunFixture(tmp.resolve("bare"), 50, 3).withoutDiagnosis().withoutInspection().write();
        dashboard = Dashboard.start(DashboardConfig.local(0), List.of(a, b), RunStatus.REPLAY);
    }

    @AfterAll
    static void stop() {
        dashboard.close();
    }

    HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return send("GET", path);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readValue(r.body(), Map.class);
    }

    /** The Content-Type without spaces (Jetty writes known types as {@code text/html;charset=utf-8}). */
    static String type(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("").replace(" ", "");
    }

    void assertError(HttpResponse<String> r, int status, String... message) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        Map<?, ?> body = JSON.readValue(r.body(), Map.class);
        assertThat((String) body.get("error")).contains(message);
        assertThat(body.get("status")).isEqualTo(status);
    }

    @Test
    void servesThePageAndItsAssetsFromTheJar() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(type(page)).isEqualTo("text/html;charset=utf-8");
        assertThat(page.body()).contains("/assets/uPlot.iife.min.js", "/assets/app.js");
        for (String js : List.of("app.js", "charts.js", "heatmap.js", "panels.js", "uPlot.iife.min.js")) {
            HttpResponse<String> r = get("/assets/" + js);
            assertThat(r.statusCode()).as(js).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(r.body()).as(js).isNotBlank();
        }
        assertThat(get("/assets/uPlot.iife.min.js").body()).contains("uPlot");
        for (String css : List.of("app.css", "uPlot.min.css")) {
            assertThat(get("/assets/" + css).headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        }
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @ParameterizedTest
    @CsvSource({"/assets/nope.js, no such file: nope.js", "/assets/..%2F..%2Fpom.xml, no such file: ../../pom.xml",
        "/assets/%2e%2e%2fREADME.md, no such file", "/api/nope, no such page: /api/nope",
        "/api/runs/full/nope, no such page", "/etc/passwd, no such page: /etc/passwd",
        "/api/runs/nope/series, no run 'nope'; this dashboard serves full, bare",
        "/api/runs/..%2Ffull/series, no run '../full'"})
    void unknownPathsAre404WithAMessage(String path, String message) throws Exception {
        assertError(get(path), 404, message);
    }

    @Test
    void dotDotSegmentsNeverReachAFile() throws Exception {
        for (String path : List.of("/assets/../../../../etc/passwd", "/assets/../pom.xml", "/../../etc/passwd")) {
            String raw = rawGet(path, "127.0.0.1");
            assertThat(raw).as(path).matches("(?s)HTTP/1.1 (400|404) .*").doesNotContain("root:", "<project");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/runs/full/series?points=abc | points must be an integer in [10, 10000], got 'abc'",
        "/api/runs/full/series?points=5 | points must be in [10, 10000], got 5",
        "/api/runs/full/series?points=99999999999 | points must be an integer in [10, 10000], got '99999999999'",
        "/api/runs/full/layers?metric=loss | metric must be one of grad_norm, grad_max, weight_norm, "
                + "update_ratio, dead, got 'loss'",
        "/api/runs/full/layers?metric=dead&points=0 | points must be in [10, 10000], got 0",
        "/api/runs/full/heatmap?columns=0 | columns must be in [1, 10000], got 0",
        "/api/runs/full/heatmap?metric=GRAD_NORM | metric must be one of",
        "/api/runs/full/incidents?limit=0 | limit must be in [1, 1000], got 0",
        "/api/runs/full/incidents?limit=5000 | limit must be in [1, 1000], got 5000",
        "/api/runs/full/incidents?offset=-1 | offset must be in [0, 2147483647], got -1",
        "/api/runs/full/incidents?offset=1.5 | offset must be an integer"})
    void badParametersAre400WithAMessage(String path, String message) throws Exception {
        assertError(get(path), 400, message);
    }

    @ParameterizedTest
    @CsvSource({"POST, /api/runs", "PUT, /api/runs/full", "DELETE, /api/runs/full/spec", "PATCH, /"})
    void itIsReadOnly(String method, String path) throws Exception {
        assertError(send(method, path), 405, "the dashboard is read-only: " + method + " " + path + " is not allowed");
    }

    @Test
    void refusesRequestsForAnotherHostName() throws Exception {
        String raw = rawGet("/api/runs", "evil.example");
        assertThat(raw).startsWith("HTTP/1.1 403").contains("Host 'evil.example' refused")
                .doesNotContain("\"path\"");
        assertThat(rawGet("/api/runs", "localhost:" + dashboard.port())).startsWith("HTTP/1.1 200");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsTheRunsAndEachRunsSummary() throws Exception {
        List<Map<String, Object>> runs = JSON.readValue(get("/api/runs").body(), List.class);
        assertThat(runs).extracting(r -> r.get("id")).containsExactly("full", "bare");
        Map<String, Object> full = runs.get(0);
        assertThat(full).containsEntry("status", "replay").containsEntry("steps", 3000).containsEntry("layers", 8)
                .containsEntry("incidents", 2).containsEntry("last_step", 2999).containsEntry("epochs", 10)
                .containsEntry("diagnosis", true).containsEntry("inspection", true).containsEntry("manifest", true)
                .containsEntry("error", null);
        assertThat((Map<String, Object>) full.get("actions")).containsEntry("proceed", 2999)
                .containsEntry("skip_step", 1);
        assertThat(json("/api/runs/bare")).containsEntry("steps", 50).containsEntry("diagnosis", false)
                .containsEntry("inspection", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void seriesAreDownsampledWithTheirSpikesAndGaps() throws Exception {
        Map<String, Object> s = json("/api/runs/full/series");
        List<Number> x = (List<Number>) s.get("x");
        assertThat(x.size()).isEqualTo((Integer) s.get("points")).isBetween(1000, 2000);
        assertThat(x).isSortedAccordingTo((p, q) -> Long.compare(p.longValue(), q.longValue()));
        Map<String, List<Number>> y = (Map<String, List<Number>>) s.get("y");
        assertThat(y.keySet()).contains("loss", "grad_norm", "clip_threshold", "train_loss", "val_loss");
        assertThat(y.get("grad_norm")).hasSameSizeAs(x);
        assertThat(y.get("grad_norm").stream().filter(v -> v != null).mapToDouble(Number::doubleValue).max())
                .hasValue(3e6);
        Map<String, List<Number>> nonFinite = (Map<String, List<Number>>) s.get("nonfinite");
        assertThat(nonFinite.get("loss")).hasSize(1);
        long bucket = ((Number) s.get("width")).longValue();
        assertThat(nonFinite.get("loss").get(0).longValue()).isEqualTo(fixture.nanStep / bucket * bucket);

        Map<String, Object> small = json("/api/runs/full/series?points=20");
        assertThat((List<?>) small.get("x")).hasSizeLessThanOrEqualTo(20);
        assertThat(((Map<String, List<Number>>) small.get("y")).get("grad_norm"))
                .anyMatch(v -> v != null && v.doubleValue() == 3e6);
    }

    @Test
    @SuppressWarnings("unchecked")
    void layersAndHeatmapKeepModelOrder() throws Exception {
        Map<String, Object> l = json("/api/runs/full/layers?metric=update_ratio&points=100");
        List<String> names = (List<String>) l.get("layers");
        assertThat(names).containsExactly("layers.0", "layers.2", "layers.4", "layers.6", "layers.8", "layers.10",
                "layers.12", "layers.14");
        assertThat(((Map<String, List<Number>>) l.get("y")).keySet()).containsExactlyElementsOf(names);
        assertThat((List<?>) l.get("x")).hasSizeLessThanOrEqualTo(100);

        Map<String, Object> h = json("/api/runs/full/heatmap?columns=16");
        List<List<Number>> values = (List<List<Number>>) h.get("values");
        assertThat(values).hasSize(8);
        assertThat((List<?>) h.get("x")).hasSize(values.get(0).size()).hasSizeLessThanOrEqualTo(16);
        // Explosion through depth: the first layer's gradient is 4^7 times the last one's.
        double first = values.get(0).get(0).doubleValue();
        double last = values.get(7).get(0).doubleValue();
        assertThat(first / last).isCloseTo(Math.pow(4, 7), org.assertj.core.data.Percentage.withPercentage(1));
        assertThat((List<List<Number>>) h.get("nonfinite")).hasSize(8);
        assertThat(json("/api/runs/full/heatmap?metric=dead").get("metric")).isEqualTo("dead");
    }

    @Test
    @SuppressWarnings("unchecked")
    void incidentsArePagedAndLinkedToTheirDiagnosis() throws Exception {
        Map<String, Object> all = json("/api/runs/full/incidents");
        assertThat(all).containsEntry("total", 2).containsEntry("offset", 0);
        Map<String, Object> page = json("/api/runs/full/incidents?offset=1&limit=1");
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("incidents");
        assertThat(items).hasSize(1);
        assertThat(items.get(0)).containsEntry("index", 1).containsEntry("kind", "non_finite")
                .containsEntry("step", (int) fixture.nanStep).containsEntry("action", "skip_step")
                .containsEntry("causes", List.of("bad_init_scale"));
        assertThat((List<?>) json("/api/runs/full/incidents?offset=5").get("incidents")).isEmpty();
        assertThat((List<?>) json("/api/runs/bare/incidents").get("incidents")).hasSize(2)
                .allMatch(i -> ((Map<String, Object>) i).get("causes").equals(List.of()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void recordedFilesSayWhetherTheyWereRecorded() throws Exception {
        Map<String, Object> d = json("/api/runs/full/diagnosis");
        assertThat(d).containsEntry("recorded", true).containsEntry("file", "diagnosis.json");
        assertThat(((List<Map<String, Object>>) ((Map<String, Object>) d.get("content")).get("causes")).get(0))
                .containsEntry("cause", "bad_init_scale");
        assertThat(json("/api/runs/full/inspection")).containsEntry("recorded", true);
        assertThat(json("/api/runs/full/manifest")).containsEntry("recorded", true);
        assertThat(json("/api/runs/bare/inspection")).containsEntry("recorded", false).doesNotContainKey("content");
        assertThat(json("/api/runs/bare/diagnosis")).containsEntry("recorded", false);
        HttpResponse<String> spec = get("/api/runs/full/spec");
        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(type(spec)).isEqualTo("text/plain;charset=utf-8");
        assertThat(spec.body()).startsWith("name: fixture");
    }

    @Test
    void theEventStreamNeedsAnEventStreamRequest() throws Exception {
        assertError(get("/api/events"), 400, "send Accept: text/event-stream (got none)");
    }

    @Test
    void theEventStreamStartsWithTheRunList() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port() + "/api/events"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(resp.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (SseReader events = new SseReader(resp.body())) {
            SseReader.Event e = events.next(Duration.ofSeconds(20));
            assertThat(e.name()).isEqualTo("runs");
            assertThat(e.data()).startsWith("[{\"id\":\"full\"").contains("\"id\":\"bare\"");
        }
    }

    /** A request with a raw request line and Host header (HttpClient normalises paths and fixes Host). */
    String rawGet(String path, String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", dashboard.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
