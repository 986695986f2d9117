package io.gradguard.bench;

import io.gradguard.dashboard.Dashboard;
import io.gradguard.dashboard.DashboardConfig;
import io.gradguard.dashboard.data.RunStatus;
import io.gradguard.runs.IncidentRecorder;
import io.gradguard.runs.MetricsRecorder;
import io.gradguard.runs.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a live dashboard costs the training step: the guarded MLP step of {@link GuardOverheadBenchmark}
 * ({@code guard=default}, SGD) writing its run directory as {@code gradguard train} does ({@link MetricsRecorder}
 * with the guard's per-layer fields, {@link IncidentRecorder}), (off) alone and (live) with a {@link Dashboard}
 * following that directory and a page connected: an SSE client that, on each event, fetches at most once a
 * second (as the page throttles itself) the series, the three per-layer charts and the heatmap.
 *
 * <p>Both trainers live in one JVM and take turns by measurement iteration (off, live, off, live, ...): the
 * dashboard follows only the live trainer's directory, so its work (reading new lines, serving the page)
 * happens in the live iterations, while load from other processes hits neighbouring iterations alike. Each
 * iteration reports its steps and time as {@code offSteps}/{@code offNanos} or {@code liveSteps}/{@code
 * liveNanos}; the summary takes live/off per neighbouring pair. The target is at most 1.02.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 40, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class DashboardOverheadBenchmark {
    /** The guarded SGD trainer of {@link GuardOverheadBenchmark} recording into a run directory. */
    static final class Recorded {
        final GuardOverheadBenchmark.Variant variant = new GuardOverheadBenchmark.Variant("default", "sgd");
        final RunDirectory dir;
        final MetricsRecorder metrics;
        final IncidentRecorder incidents;

        Recorded(Path root) throws IOException {
            dir = RunDirectory.createAt(root);
            dir.writeSpec("name: " + root.getFileName() + "\n");
            metrics = new MetricsRecorder(dir, () -> variant.hook.last());
            incidents = new IncidentRecorder(dir.incidents());
            variant.hook.guard().addListener(incidents);
            variant.trainer.addListener(metrics);
        }

        void close() throws IOException {
            metrics.close();
            incidents.close();
        }
    }

    /** A page: listens to the events and, at most once a second, loads what the page loads. */
    static final class Page {
        /** What the page loads at 1400 pixels wide: two points per pixel column of a 650-pixel chart. */
        private static final List<String> LOADS = List.of("/series?points=1300",
                "/layers?metric=update_ratio&points=1300", "/layers?metric=weight_norm&points=1300",
                "/layers?metric=dead&points=1300", "/heatmap?metric=grad_norm&columns=1200");
        final AtomicLong events = new AtomicLong();
        final AtomicLong loads = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;
        private long lastLoad;

        Page(int port, String run) {
            base = "http://127.0.0.1:" + port;
            HttpRequest sse = HttpRequest.newBuilder(URI.create(base + "/api/events"))
                    .header("Accept", "text/event-stream").build();
            String runBase = "/api/runs/" + run;
            http.sendAsync(sse, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
                Thread t = new Thread(() -> r.body().forEach(line -> {
                    if (line.startsWith("data:")) {
                        events.incrementAndGet();
                        load(runBase);
                    }
                }), "bench-page");
                t.setDaemon(true);
                t.start();
            });
        }

        private void load(String runBase) {
            long now = System.nanoTime();
            if (now - lastLoad < 1_000_000_000L) {
                return;
            }
            lastLoad = now;
            for (String path : LOADS) {
                try {
                    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + runBase + path))
                            .build(), HttpResponse.BodyHandlers.ofByteArray());
                    bytes.addAndGet(r.body().length);
                    loads.incrementAndGet();
                } catch (IOException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Paired {
        Path tmp;
        Recorded off;
        Recorded live;
        Dashboard dashboard;
        Page page;
        long startNanos;
        int iteration;
        Recorded current;
        /** Time spent in live turns, warm-up included: the dashboard works only then. */
        long liveNanosTotal;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            startNanos = System.nanoTime();
            tmp = Files.createTempDirectory("gradguard-bench-dashboard");
            off = new Recorded(tmp.resolve("off"));
            live = new Recorded(tmp.resolve("live"));
            dashboard = Dashboard.start(DashboardConfig.local(0), List.of(live.dir.root()), RunStatus.LIVE);
            page = new Page(dashboard.port(), dashboard.runIds().get(0));
        }

        /** Off in even iterations, live in odd ones (warm-up included, so both warm up). */
        @Setup(Level.Iteration)
        public void turn() {
            current = iteration++ % 2 == 0 ? off : live;
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            System.out.println();
            System.out.printf("[dashboard] page: %d events, %d loads, %.1f MB; live run %d steps, %.1f MB of "
                    + "metrics.jsonl; %d page(s) connected at the end%n", page.events.get(), page.loads.get(),
                    page.bytes.get() / 1e6, live.variant.step, Files.size(live.dir.metrics()) / 1e6,
                    dashboard.clients());
            double seconds = liveNanosTotal / 1e9;
            StringBuilder cpu = new StringBuilder();
            dashboardCpuNanos().forEach((g, n) -> cpu.append(String.format(java.util.Locale.ROOT, ", %s %.1f", g,
                    n / 1e6 / seconds)));
            System.out.printf("[dashboard] CPU in ms per second of live training (%.0f s in live turns, %d cores)%s%n",
                    seconds, Runtime.getRuntime().availableProcessors(), cpu);
            dashboard.close();
            off.close();
            live.close();
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /** CPU time so far of the threads serving the dashboard (follower, SSE senders, Jetty) and the page, by group. */
    static java.util.Map<String, Long> dashboardCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> sum = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti == null) {
                continue;
            }
            String n = ti.getThreadName();
            String group = n.startsWith("gradguard-dashboard-poll") ? "follower"
                    : n.startsWith("gradguard-dashboard-sse") ? "events"
                    : n.startsWith("qtp") || n.startsWith("JettyServerThreadPool") ? "http server"
                    : n.startsWith("bench-page") || n.startsWith("HttpClient") ? "page (client)" : null;
            if (group != null) {
                sum.merge(group, Math.max(0, mx.getThreadCpuTime(ti.getThreadId())), Long::sum);
            }
        }
        return sum;
    }

    /** Steps and time of the iteration, under the variant whose turn it is. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Turn {
        public long offNanos;
        public long offSteps;
        public long liveNanos;
        public long liveSteps;

        @Setup(Level.Iteration)
        public void reset() {
            offNanos = 0;
            offSteps = 0;
            liveNanos = 0;
            liveSteps = 0;
        }
    }

    /** One epoch ({@link GuardOverheadBenchmark#BATCHES} steps) of the variant whose turn it is; the score is per step. */
    @Benchmark
    @OperationsPerInvocation(GuardOverheadBenchmark.BATCHES)
    public long paired(Paired p, Turn t) {
        long t0 = System.nanoTime();
        long steps = p.current.variant.epoch().steps();
        long dt = System.nanoTime() - t0;
        if (p.current == p.live) {
            p.liveNanosTotal += dt;
            t.liveNanos += dt;
            t.liveSteps += GuardOverheadBenchmark.BATCHES;
        } else {
            t.offNanos += dt;
            t.offSteps += GuardOverheadBenchmark.BATCHES;
        }
        return steps;
    }
}
