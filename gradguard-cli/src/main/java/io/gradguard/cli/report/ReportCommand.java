package io.gradguard.cli.report;

import io.gradguard.cli.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gradguard report}: the self-contained HTML report of a run or experiment directory. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a self-contained HTML report that works offline (inline CSS, figures as inline PNG,",
            "no external URL): for a run directory the loss and gradient-norm curves, the per-layer heatmap,",
            "update ratios, weight norms, incidents with the diagnosis, the inspection, the spec and the",
            "manifest; for an experiment directory the claims table and each experiment's table and figures."},
        footer = {"", "Examples:", "  gradguard report runs/spirals",
            "  gradguard report runs/demo/guarded --out /tmp/guarded.html",
            "  gradguard report EXPERIMENT_DIR   # index.csv and NAME/summary.json, or one summary.json"})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR|EXPERIMENT_DIR",
            description = "A run directory (spec.yaml), an experiment suite (index.csv) or one experiment (summary.json).")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the report (default: DIR/report.html).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter o = command.commandLine().getOut();
        Path written;
        try {
            written = Reports.write(dir, out);
        } catch (IOException e) {
            throw new UserError(e.getMessage(), e);
        }
        o.println("report: " + written);
        o.flush();
        return 0;
    }
}
