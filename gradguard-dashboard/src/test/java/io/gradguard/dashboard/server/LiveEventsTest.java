package io.gradguard.dashboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradguard.dashboard.Dashboard;
import io.gradguard.dashboard.DashboardConfig;
import io.gradguard.dashboard.RunFixture;
import io.gradguard.dashboard.data.RunStatus;
import io.gradguard.io.JsonLines;
import io.gradguard.runs.RunDirectory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run written while a page listens: events come as it grows, no faster than the publish interval. */
class LiveEventsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    static Map<String, Object> run(SseReader.Event e) throws Exception {
        assertThat(e.name()).isEqualTo("runs");
        return ((List<Map<String, Object>>) JSON.readValue(e.data(), List.class)).get(0);
    }

    static long lastStep(Map<String, Object> run) {
        Object s = run.get("last_step");
        return s == null ? -1 : ((Number) s).longValue();
    }

    @Test
    void eventsFollowTheRunAtMostTwicePerSecondAndSayWhenItFinished() throws Exception {
        RunDirectory dir = RunDirectory.createAt(tmp.resolve("live"));
        dir.writeSpec("name: live\n");
        RunFixture rows = new RunFixture(tmp.resolve("unused"), 100_000, 3);
        DashboardConfig config = new DashboardConfig("127.0.0.1", 0, Duration.ofMillis(50), Duration.ofMillis(500));
        long[] written = {0};
        try (Dashboard d = Dashboard.start(config, List.of(dir.root()), RunStatus.LIVE)) {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.port() + "/api/events"))
                    .header("Accept", "text/event-stream").build();
            HttpResponse<InputStream> resp = HttpClient.newHttpClient().send(req,
                    HttpResponse.BodyHandlers.ofInputStream());
            try (SseReader events = new SseReader(resp.body())) {
                Map<String, Object> first = run(events.next(Duration.ofSeconds(20)));
                assertThat(first).containsEntry("status", "live").containsEntry("steps", 0);

                AtomicBoolean stop = new AtomicBoolean();
                Thread writer = new Thread(() -> {
                    try (JsonLines.Appender out = JsonLines.appender(dir.metrics(), 1)) {
                        long end = System.nanoTime() + 3_000_000_000L;
                        while (System.nanoTime() < end) {
                            out.append(rows.stepRow(written[0]++));
                        }
                    } catch (Exception e) {
                        stop.set(true);
                    }
                });
                long t0 = System.nanoTime();
                writer.start();
                List<Long> steps = new ArrayList<>();
                while (writer.isAlive()) {
                    try {
                        steps.add(lastStep(run(events.next(Duration.ofSeconds(2)))));
                    } catch (AssertionError noEventFor2s) {
                        break;
                    }
                }
                writer.join();
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertThat(stop).isFalse();
                assertThat(written[0]).isGreaterThan(1000);
                // Thousands of rows, yet at most one event per 500 ms (plus the one in flight at the start).
                assertThat(steps.size()).isBetween(3, (int) Math.ceil(seconds / 0.5) + 2);
                assertThat(steps).isSorted();
                assertThat(steps.stream().distinct().count()).isGreaterThanOrEqualTo(3);

                d.finish();
                Map<String, Object> last = run(events.next(Duration.ofSeconds(10)));
                while (!"finished".equals(last.get("status"))) {
                    last = run(events.next(Duration.ofSeconds(10)));
                }
                assertThat(lastStep(last)).isEqualTo(written[0] - 1);
                assertThat(((Number) last.get("steps")).longValue()).isEqualTo(written[0]);
            }
            // A page opened now first loads the whole history, downsampled.
            HttpResponse<String> series = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + d.port() + "/api/runs/live/series")).build(),
                    HttpResponse.BodyHandlers.ofString());
            @SuppressWarnings("unchecked")
            List<Number> x = (List<Number>) JSON.readValue(series.body(), Map.class).get("x");
            assertThat(x.get(0).longValue()).isZero();
            assertThat(x.get(x.size() - 1).longValue()).isGreaterThan(written[0] * 9 / 10);
            assertThat(x.size()).isLessThanOrEqualTo(2048);
        }
    }
}
