package io.gradguard.cli;

import io.gradguard.dashboard.Dashboard;
import io.gradguard.dashboard.DashboardConfig;
import io.gradguard.dashboard.data.RunStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gradguard dashboard}: serves finished (or running) run directories side by side until Ctrl-C. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serve run directories in the web dashboard, side by side: loss, gradient norm",
            "with clip thresholds, a per-layer gradient heatmap, update ratios, weight norms,",
            "dead units, incidents with their diagnosis, the pre-flight inspection, spec and",
            "manifest. Runs still being written update live. Read-only; listens on 127.0.0.1",
            "unless --host says otherwise; stops on Ctrl-C."},
        footer = {"", "Examples:",
            "  gradguard dashboard runs/spirals",
            "  gradguard dashboard runs/deep-relu-bad-init runs/deep-relu-bad-init-2",
            "  gradguard train examples/spirals.yaml --dashboard      (live, while training)"})
public final class DashboardCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run directories (with spec.yaml) to show.")
    List<Path> runs;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DashboardConfig.DEFAULT_PORT,
            description = "Port (default ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = DashboardConfig.DEFAULT_HOST,
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only). Another address "
                    + "lets other machines read the runs; a warning is printed.")
    String host;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        try (Dashboard d = serve(runs, host, port, RunStatus.REPLAY, out)) {
            out.println("dashboard: serving " + runs.size() + (runs.size() == 1 ? " run" : " runs")
                    + "; Ctrl-C to stop");
            out.flush();
            awaitInterrupt(d);
        }
        return 0;
    }

    /**
     * Starts the dashboard over {@code dirs} and prints its URL (and a warning if other machines can reach it).
     *
     * @throws UserError for a directory that is not a run, a bad host or port, or a port already in use
     */
    static Dashboard serve(List<Path> dirs, String host, int port, RunStatus status, PrintWriter out) {
        DashboardConfig config;
        try {
            config = DashboardConfig.of(host, port);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().replace("dashboard host", "--host").replace("dashboard port", "--port"), e);
        }
        Dashboard d;
        try {
            d = Dashboard.start(config, dirs, status);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new UserError("cannot listen on " + host + ":" + port + ": " + rootMessage(e), e);
        }
        out.println("dashboard: " + d.url());
        if (!d.loopbackOnly()) {
            out.println("warning: the dashboard listens on " + host + ", not only on this machine: anyone who can "
                    + "reach port " + d.port() + " can read these runs (there is no login)");
        }
        out.flush();
        return d;
    }

    /** Blocks until Ctrl-C ends the JVM or, in process, the thread is interrupted. */
    static void awaitInterrupt(Dashboard d) {
        Thread hook = new Thread(d::close, "gradguard-dashboard-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
