package io.gradguard.dashboard;

import java.time.Duration;

/**
 * Where the dashboard listens and how often it looks at the runs.
 *
 * @param host    address to bind; {@value #DEFAULT_HOST} by default (only this machine can connect)
 * @param port    TCP port, 0 for any free one
 * @param poll    how often the run files are read for new lines
 * @param publish least time between two live events, however fast the run writes
 */
public record DashboardConfig(String host, int port, Duration poll, Duration publish) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;
    public static final Duration DEFAULT_POLL = Duration.ofMillis(250);
    public static final Duration DEFAULT_PUBLISH = Duration.ofMillis(500);

    public DashboardConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("dashboard host must not be blank, got '" + host + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("dashboard port must be in [0, 65535], got " + port);
        }
        if (poll == null || poll.toMillis() < 10) {
            throw new IllegalArgumentException("dashboard poll must be >= 10 ms, got " + poll);
        }
        if (publish == null || publish.compareTo(poll) < 0) {
            throw new IllegalArgumentException("dashboard publish interval must be >= poll (" + poll + "), got "
                    + publish);
        }
    }

    /** {@code host:port} with the default intervals. */
    public static DashboardConfig of(String host, int port) {
        return new DashboardConfig(host, port, DEFAULT_POLL, DEFAULT_PUBLISH);
    }

    /** 127.0.0.1 on {@code port}. */
    public static DashboardConfig local(int port) {
        return of(DEFAULT_HOST, port);
    }
}
