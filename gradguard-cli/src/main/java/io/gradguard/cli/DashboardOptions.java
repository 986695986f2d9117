package io.gradguard.cli;

import io.gradguard.dashboard.Dashboard;
import io.gradguard.dashboard.DashboardConfig;
import io.gradguard.dashboard.data.RunStatus;
import io.gradguard.runs.RunDirectory;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code train}'s dashboard flags. With {@code --dashboard} the run is served live from the start (the page
 * follows the run directory as it is written); when training ends the dashboard keeps serving the finished run
 * until Ctrl-C, or stops with {@code --dashboard-exit}.
 */
public final class DashboardOptions {
    @Option(names = "--dashboard", description = "Serve the live dashboard while training; its URL is printed first.")
    boolean on;

    @Option(names = "--port", paramLabel = "N",
            description = "Dashboard port (default " + DashboardConfig.DEFAULT_PORT + "; 0: any free port).")
    Integer port;

    @Option(names = "--host", paramLabel = "H",
            description = "Dashboard address (default " + DashboardConfig.DEFAULT_HOST + ": this machine only).")
    String host;

    @Option(names = "--dashboard-exit",
            description = "Stop the dashboard and exit when training ends (default: serve the finished run until Ctrl-C).")
    boolean exitWhenDone;

    /** Fails on dashboard flags without {@code --dashboard}. */
    void check() {
        if (!on && (port != null || host != null || exitWhenDone)) {
            throw new UserError("--port, --host and --dashboard-exit need --dashboard");
        }
    }

    /** The live dashboard over {@code dir}, or null without {@code --dashboard}. */
    Dashboard start(RunDirectory dir, PrintWriter out) {
        if (!on) {
            return null;
        }
        return DashboardCommand.serve(List.of(dir.root()), host == null ? DashboardConfig.DEFAULT_HOST : host,
                port == null ? DashboardConfig.DEFAULT_PORT : port, RunStatus.LIVE, out);
    }

    /** Training ended: the page shows the run finished; then serve until Ctrl-C unless told to exit. */
    void trainingEnded(Dashboard d, PrintWriter out) {
        d.finish();
        if (!exitWhenDone) {
            out.println("dashboard: training finished; still serving " + d.url() + " (Ctrl-C to stop)");
            out.flush();
            DashboardCommand.awaitInterrupt(d);
        }
        d.close();
    }
}
