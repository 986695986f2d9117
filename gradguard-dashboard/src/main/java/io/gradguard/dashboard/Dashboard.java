package io.gradguard.dashboard;

import io.gradguard.dashboard.data.RunFeed;
import io.gradguard.dashboard.data.RunStatus;
import io.gradguard.dashboard.server.DashboardServer;
import io.gradguard.runs.RunReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The web dashboard over one or more run directories: {@code gradguard dashboard RUN_DIR ...} replays finished
 * runs side by side, {@code gradguard train --dashboard} serves the run being trained. Both follow the run
 * files as they grow (one background thread reads new lines every {@link DashboardConfig#poll()}), so the
 * trainer only writes its files and never waits for a browser; pages get a server-sent event at most every
 * {@link DashboardConfig#publish()} and then fetch the downsampled series they need.
 *
 * <pre>
 * try (Dashboard d = Dashboard.start(DashboardConfig.local(0), List.of(runDir), RunStatus.LIVE)) {
 *     System.out.println(d.url());
 *     ... train ...
 *     d.finish();
 * }
 * </pre>
 */
public final class Dashboard implements AutoCloseable {
    /** Time a poll may spend reading one run's backlog before the others get their turn. */
    private static final long POLL_BUDGET_NANOS = 200_000_000L;
    /** A live page gets the run list at least this often, so a page whose connection dropped notices. */
    private static final long HEARTBEAT_NANOS = 15_000_000_000L;

    private final DashboardConfig config;
    private final List<RunFeed> feeds;
    private final DashboardServer server;
    private final ScheduledExecutorService poller;
    private long lastPublish;
    private boolean dirty = true;

    private Dashboard(DashboardConfig config, List<RunFeed> feeds) {
        this.config = config;
        this.feeds = feeds;
        for (RunFeed f : feeds) {
            f.poll(POLL_BUDGET_NANOS);
        }
        this.server = DashboardServer.start(config.host(), config.port(), feeds);
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gradguard-dashboard-poll");
            t.setDaemon(true);
            return t;
        });
        long ms = config.poll().toMillis();
        poller.scheduleWithFixedDelay(this::tick, 0, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Serves {@code runDirs} (each must hold a {@code spec.yaml}) with the given status.
     *
     * @throws IOException if a directory is not a run directory or is given twice
     */
    public static Dashboard start(DashboardConfig config, List<Path> runDirs, RunStatus status) throws IOException {
        if (runDirs.isEmpty()) {
            throw new IllegalArgumentException("the dashboard needs at least one run directory");
        }
        List<RunFeed> feeds = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (Path dir : runDirs) {
            Path real = dir.toAbsolutePath().normalize();
            if (!seen.add(real)) {
                throw new IOException(dir + " is given twice");
            }
            RunReader reader = RunReader.open(real);
            feeds.add(new RunFeed(uniqueId(real, ids), reader, status));
        }
        return new Dashboard(config, List.copyOf(feeds));
    }

    /** The run's id in URLs: its directory name, made URL-safe and unique. */
    static String uniqueId(Path dir, Set<String> taken) {
        Path name = dir.getFileName();
        String base = (name == null ? "run" : name.toString()).replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.isEmpty() || base.chars().allMatch(c -> c == '.')) {
            base = "run";
        }
        String id = base;
        for (int i = 2; !taken.add(id); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    /** Where the page is, e.g. {@code http://127.0.0.1:7070/}. */
    public URI url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + server.port() + "/");
    }

    public int port() {
        return server.port();
    }

    /** True unless the dashboard listens on an address other machines may reach. */
    public boolean loopbackOnly() {
        return server.loopbackOnly();
    }

    /** The run ids, in the order given. */
    public List<String> runIds() {
        return feeds.stream().map(RunFeed::id).toList();
    }

    /** Live pages connected now. */
    public int clients() {
        return server.clients();
    }

    /** Marks live runs finished after reading their last lines; pages hear of it at once. */
    public void finish() {
        try {
            poller.submit(() -> {
                for (RunFeed f : feeds) {
                    f.poll(Long.MAX_VALUE);
                    if (f.status() == RunStatus.LIVE) {
                        f.status(RunStatus.FINISHED);
                    }
                }
                dirty = true;
                lastPublish = 0;
                tick();
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("dashboard: finishing failed: " + e.getCause(), e.getCause());
        }
    }

    private void tick() {
        try {
            for (RunFeed f : feeds) {
                dirty |= f.poll(POLL_BUDGET_NANOS);
            }
            long now = System.nanoTime();
            boolean due = now - lastPublish >= config.publish().toNanos();
            if ((dirty && due) || now - lastPublish >= HEARTBEAT_NANOS) {
                List<Map<String, Object>> runs = feeds.stream().map(RunFeed::summary).toList();
                server.publish(runs);
                lastPublish = now;
                dirty = false;
            }
        } catch (RuntimeException e) {
            // A failed tick must not cancel the schedule; the run's error field carries file problems.
            System.err.println("dashboard: " + e);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        server.close();
    }
}
